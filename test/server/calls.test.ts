import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../src/server/directory/store';
import { csvField, csvRecord } from '../../src/shared/csv';
import type { CallRecord } from '../../src/shared/domain/call';
import { as, AT, hlc, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

let server: TestServer;
let acme: TestCompany;

const TRICKY = 'Pricing, "urgent"\r\nsecond line';
// The clock is 2026-03-10T12:00Z, a Tuesday. Los Angeles is on PDT (UTC-7) since March 8.
const fixture = [
  {
    id: 'c1',
    direction: 'Inbound',
    status: 'Held',
    actualStart: '2026-03-10T12:00:00.000Z',
    actualEnd: '2026-03-10T12:02:00.000Z',
    dispositionCode: 'sale',
    subject: TRICKY,
  },
  {
    id: 'c2',
    direction: 'Inbound',
    status: 'Held',
    actualStart: '2026-03-10T06:00:00.000Z',
    actualEnd: '2026-03-10T06:01:00.000Z',
    dispositionCode: 'support',
    subject: '=HYPERLINK("x")',
  },
  {
    id: 'c3',
    direction: 'Outbound',
    status: 'NotHeld',
    reason: 'busy',
    at: '2026-03-10T11:00:00.000Z',
    related: { type: 'account', id: 'acc-1', name: 'Initech' },
  },
  {
    id: 'c4',
    direction: 'Outbound',
    status: 'Held',
    actualStart: '2026-03-09T10:00:00.000Z',
    actualEnd: '2026-03-09T10:00:30.000Z',
    dispositionCode: 'sale',
  },
  {
    id: 'c5',
    direction: 'Outbound',
    status: 'Planned',
    plannedStart: { local: '2026-03-20T09:00', zone: 'UTC', utc: '2026-03-20T09:00:00.000Z' },
  },
  { id: 'c6', direction: 'Inbound', status: 'Cancelled', reason: 'duplicate', at: '2026-01-05T10:00:00.000Z' },
];

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
  const { body } = await as(server, acme.supervisor).push(
    'calls-fixture',
    fixture.map((call, i) => ({
      id: i + 1,
      name: 'call.create',
      args: { subject: `Subject ${call.id}`, at: call.actualStart ?? call.at ?? AT, ...call },
      hlc: hlc(i + 1, 'fx'),
    })),
  );
  expect(body.outcomes.every((o) => o.status === 'applied')).toBe(true);
  const person = (id: string, phone: string) => ({
    id,
    firstName: 'P',
    lastName: id,
    phones: [{ kind: 'mobile', e164: phone, extension: null }],
    timeZone: null,
    createdAt: AT,
    updatedAt: AT,
  });
  await importDirectory(server.database.db, acme.id, 'contacts', [
    { ...person('ct-1', '+14155550199'), accountId: null },
    { ...person('ct-2', '+14155550100'), accountId: null },
  ]);
  await importDirectory(server.database.db, acme.id, 'leads', [
    { ...person('ld-1', '+14155550199'), company: 'Hooli', status: 'New' },
  ]);
});
afterAll(() => server.close());

const listIds = async (query: string) =>
  ((await as(server, acme.supervisor).get(`/calls${query}`)).json().items as CallRecord[]).map((c) => c.id);

describe('GET /calls', () => {
  it('lists newest first and filters', async () => {
    expect(await listIds('')).toEqual(['c5', 'c1', 'c3', 'c2', 'c4', 'c6']);
    expect(await listIds('?status=Held')).toEqual(['c1', 'c2', 'c4']);
    expect(await listIds('?status=Held,NotHeld&direction=Outbound')).toEqual(['c3', 'c4']);
    expect(await listIds('?from=2026-03-10&to=2026-03-11')).toEqual(['c1', 'c3', 'c2']);
    expect(await listIds('?q=pricing')).toEqual(['c1']);
    expect(await listIds('?q=initech')).toEqual(['c3']);
    expect(await listIds('?related=account:acc-1')).toEqual(['c3']);
    expect(await listIds(`?owner=${acme.supervisor.id}&direction=Inbound`)).toEqual(['c1', 'c2', 'c6']);
  });

  it('pages with a cursor without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: CallRecord[]; nextCursor: string | null } = (
        await as(server, acme.supervisor).get(`/calls?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['c5', 'c1', 'c3', 'c2', 'c4', 'c6']);
  });

  it('refuses invalid filters with 400 and the issues', async () => {
    const response = await as(server, acme.supervisor).get('/calls?status=Maybe&limit=0');
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['limit', 'status.0']);
  });

  it('returns records that satisfy the shared schema, with derived duration', async () => {
    const call = (await as(server, acme.supervisor).get('/calls/c1')).json() as CallRecord;
    expect(call).toMatchObject({ status: 'Held', durationSeconds: 120, outcome: { dispositionCode: 'sale' } });
    expect(call.history).toEqual([expect.objectContaining({ from: null, to: 'Held', by: acme.supervisor.id })]);
  });
});

describe('GET /lookup', () => {
  it('finds contacts and leads by a number typed in national format', async () => {
    const response = await as(server, acme.agent).get(
      `/lookup?phone=${encodeURIComponent('(415) 555-0199')}&region=US`,
    );
    const body = response.json();
    expect(body.e164).toBe('+14155550199');
    expect(body.matches.map((m: { type: string; id: string }) => `${m.type}:${m.id}`).sort()).toEqual([
      'contact:ct-1',
      'lead:ld-1',
    ]);
  });

  it('answers no match, and 400 for something that is not a number', async () => {
    expect((await as(server, acme.agent).get('/lookup?phone=%2B14155550000')).json().matches).toEqual([]);
    expect((await as(server, acme.agent).get('/lookup?phone=hello')).statusCode).toBe(400);
  });
});

describe('GET /analytics/summary', () => {
  const summary = async (query: string) =>
    (await as(server, acme.supervisor).get(`/analytics/summary?${query}`)).json();

  it('computes today in UTC', async () => {
    const today = await summary('period=today');
    expect(today.from).toBe('2026-03-10T00:00:00.000Z');
    expect(today.overall).toEqual({
      total: 3,
      answered: 2,
      attempted: 3,
      answerRate: 2 / 3,
      averageDurationSeconds: 90,
      outcomes: { Planned: 0, Held: 2, NotHeld: 1, Cancelled: 0 },
      dispositions: { sale: 1, support: 1, none: 1 },
    });
    expect(today.byDirection.Inbound).toMatchObject({
      total: 2,
      answered: 2,
      answerRate: 1,
      averageDurationSeconds: 90,
    });
    expect(today.byDirection.Outbound).toMatchObject({
      total: 1,
      answered: 0,
      attempted: 1,
      answerRate: 0,
      averageDurationSeconds: null,
    });
  });

  it('computes week, month and year', async () => {
    const week = await summary('period=week');
    expect(week.from).toBe('2026-03-09T00:00:00.000Z');
    expect(week.overall).toMatchObject({ total: 4, answered: 3, averageDurationSeconds: 70 });
    expect((await summary('period=month')).overall).toMatchObject({ total: 5, attempted: 4, outcomes: { Planned: 1 } });
    expect((await summary('period=year')).overall).toMatchObject({ total: 6, outcomes: { Cancelled: 1 } });
  });

  it('uses the wall clock of the given time zone', async () => {
    const la = await summary('period=today&tz=America/Los_Angeles');
    expect(la.from).toBe('2026-03-10T07:00:00.000Z');
    // c2 (06:00Z) was still March 9 in Los Angeles.
    expect(la.overall.total).toBe(2);
    expect((await as(server, acme.supervisor).get('/analytics/summary?tz=Mars/Olympus')).statusCode).toBe(400);
  });
});

/** A strict RFC 4180 reader, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('CSV export', () => {
  it('escapes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('-5; rm')).toBe("'-5; rm");
    expect(csvField('+14155550123')).toBe('+14155550123');
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });

  it('streams the filtered calls with a header row and CRLF line ends', async () => {
    const response = await as(server, acme.supervisor).get('/export/calls.csv?status=Held');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(response.body);
    expect(rows[0]).toContain('subject');
    const subject = rows[0]!.indexOf('subject');
    const id = rows[0]!.indexOf('id');
    expect(rows.slice(1).map((r) => r[id])).toEqual(['c1', 'c2', 'c4']);
    expect(rows[1]![subject]).toBe(TRICKY);
    expect(rows[2]![subject]).toBe(`'=HYPERLINK("x")`);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
  });
});
