import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall, insertCall, updateCall } from '../../src/main/core/db/repositories/calls';
import { localFigures as readLocalFigures } from '../../src/main/core/analytics/local-folds';
import { periodRange } from '../../src/shared/domain/analytics-period';
import type { CallRecord } from '../../src/shared/domain/call';
import { bucketsOf } from '../../src/shared/domain/call-analytics';
import { summarizeBuckets, type DashboardFigures } from '../../src/shared/domain/dashboard-figures';
import { fixtureDb, sampleCall } from '../main/core/helpers';
import { fixtureCalls, march8, november1, ZONE, type FixtureCall } from '../shared/analytics-fixture';
import { as, hlc, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

/**
 * The dashboard's figures for one fixture (test/shared/analytics-fixture.ts: DST days,
 * both directions, callers in other zones), worked out by hand, and the same from the
 * shared reference code, the desktop's store (its trigger-kept buckets) and the server.
 */

let server: TestServer;
let a: TestCompany;
let b: TestCompany;
const AT = '2026-11-30T12:00:00.000Z';

const seconds = (c: FixtureCall) => (c.start && c.end ? (Date.parse(c.end) - Date.parse(c.start)) / 1000 : null);

function recordOf(c: FixtureCall, ownerId: string): CallRecord {
  return sampleCall({
    id: c.id,
    direction: c.direction,
    status: c.status,
    statusReason: c.status === 'NotHeld' ? 'No answer' : null,
    actualStart: c.start,
    actualEnd: c.end,
    durationSeconds: c.status === 'Held' ? seconds(c) : null,
    plannedStart: c.planned ? { local: '2026-03-08T14:00', zone: ZONE, utc: c.planned } : null,
    outcome: { dispositionCode: c.disposition, text: '' },
    wrappedUpAt: c.wrappedUpAt,
    ownerId,
    createdAt: '2026-03-01T00:00:00.000Z',
  });
}

const day = (d: string) => periodRange('custom', new Date(AT), ZONE, { from: d, to: d });

function summarize(buckets: Parameters<typeof summarizeBuckets>[0], d: string): DashboardFigures {
  return summarizeBuckets(buckets, { ...day(d), timeZone: ZONE, followUpsOverdue: 0 });
}

/** The desktop's way: its trigger-kept rows (one per 15 minutes) folded by local-folds.ts, then the shared summary. */
function localFigures(
  db: Parameters<typeof readLocalFigures>[0],
  ownerId: string,
  d: string,
  names?: Map<string, string>,
) {
  return readLocalFigures(db, ownerId, { ...day(d), timeZone: ZONE, followUpsOverdue: 0, ...(names ? { names } : {}) });
}

function expectHandFigures(figures: DashboardFigures, hand: typeof march8 | typeof november1) {
  expect(figures.totals).toEqual(hand.totals);
  expect(figures.series.map((s) => s.label)).toEqual(hand.slotLabels);
  const hours = Object.fromEntries(figures.busiestHours.filter((h) => h.calls > 0).map((h) => [h.hour, h.calls]));
  expect(hours).toEqual(hand.hours);
  const slots = Object.fromEntries(
    figures.series.flatMap((s, i) => (s.inbound + s.outbound > 0 ? [[i, [s.inbound, s.outbound]]] : [])),
  );
  expect(slots).toEqual(hand.slots);
}

const agentId = () => a.agent.id;

async function serverFigures(user: { token: string }, d: string, scope = 'me') {
  const response = await as(server, user).get(
    `/analytics/dashboard?period=custom&from=${d}&to=${d}&tz=${encodeURIComponent(ZONE)}&scope=${scope}`,
  );
  return response;
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.now = new Date('2026-12-01T00:00:00.000Z');
  a = await seedCompany(server, 'acme');
  b = await seedCompany(server, 'globex');
  for (const who of ['agent', 'agent2'] as const) {
    const mine = fixtureCalls.filter((c) => c.agent === who);
    let id = 0;
    const mutations = mine.flatMap((c) => {
      const create = {
        id: ++id,
        name: 'call.create',
        args: {
          id: c.id,
          direction: c.direction,
          subject: `Call ${c.id}`,
          status: c.status,
          reason: c.status === 'NotHeld' ? 'No answer' : null,
          actualStart: c.start,
          actualEnd: c.end,
          plannedStart: c.planned ? { local: '2026-03-08T14:00', zone: ZONE, utc: c.planned } : null,
          dispositionCode: c.disposition,
          at: AT,
        },
        hlc: hlc(Date.parse(AT) + id, who),
      };
      // The wrap-up's own write, as the desktop sends it.
      const wrap = c.wrappedUpAt
        ? [
            {
              id: ++id,
              name: 'call.update',
              args: { id: c.id, set: { wrappedUpAt: c.wrappedUpAt }, at: AT },
              hlc: hlc(Date.parse(AT) + id, who),
            },
          ]
        : [];
      return [create, ...wrap];
    });
    const { body } = await as(server, a[who]).push(`${who}-client`, mutations);
    expect(body.outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
  }
});

afterAll(async () => {
  await server.close();
});

describe('dashboard figures (hand-computed fixture across DST days)', () => {
  it('the shared reference code gives the hand figures', () => {
    const mine = fixtureCalls.filter((c) => c.agent === 'agent');
    const calls = mine.map((c) => ({
      ...recordOf(c, 'me'),
      occurredAt: c.start ?? c.planned!,
      dispositionCode: c.disposition,
    }));
    const march = summarize(bucketsOf(calls), '2026-03-08');
    expectHandFigures(march, march8);
    expect(march.outcomes).toEqual(march8.outcomes);
    expect(march.dispositions).toEqual(march8.dispositions);
    expectHandFigures(summarize(bucketsOf(calls), '2026-11-01'), november1);
  });

  it('the desktop store (trigger-kept buckets) gives the hand figures, and follows updates and deletes', () => {
    const local = fixtureDb();
    for (const c of fixtureCalls.filter((f) => f.agent === 'agent')) insertCall(local.tx, recordOf(c, 'me'));
    const read = (d: string) => localFigures(local.db, 'me', d);
    const march = read('2026-03-08');
    expectHandFigures(march, march8);
    expect(march.outcomes).toEqual(march8.outcomes);
    expect(march.dispositions).toEqual(march8.dispositions);
    expectHandFigures(read('2026-11-01'), november1);

    // The missed call is called back and held after all: answered 4 of 5, missed 0.
    const m3 = getCall(local.db, 'M3')!;
    updateCall(local.tx, { ...m3, status: 'Held', statusReason: null, durationSeconds: 20, wrappedUpAt: null });
    const after = read('2026-03-08');
    expect(after.totals.answered).toBe(4);
    expect(after.totals.missed).toBe(0);
    expect(after.totals.talkSeconds).toBe(500);
    local.sqlite.prepare('delete from calls where id = ?').run('M1');
    expect(read('2026-03-08').totals.inbound).toBe(2);
    const negative = `select count(*) as n from call_stats
      where min(in_held, in_missed, out_held, out_not_held, in_timed, out_timed, in_talk_sum, out_talk_sum) < 0`;
    expect(local.sqlite.prepare(negative).get()).toEqual({ n: 0 });
  });

  it('the server gives the same figures as the desktop store for the same calls', async () => {
    const local = fixtureDb();
    for (const c of fixtureCalls.filter((f) => f.agent === 'agent')) insertCall(local.tx, recordOf(c, agentId()));
    for (const d of ['2026-03-08', '2026-11-01']) {
      const response = await serverFigures(a.agent, d);
      expect(response.statusCode).toBe(200);
      const remote = response.json<DashboardFigures>();
      const mine = localFigures(local.db, agentId(), d, new Map([[agentId(), a.agent.displayName]]));
      expect(remote).toEqual(mine);
    }
    expectHandFigures((await serverFigures(a.agent, '2026-03-08')).json(), march8);
    expectHandFigures((await serverFigures(a.agent, '2026-11-01')).json(), november1);
  });

  it('a supervisor sees the team with a row per agent; an agent may not; another company sees nothing', async () => {
    const team = (await serverFigures(a.supervisor, '2026-03-08', 'team')).json<DashboardFigures>();
    expect(team.totals.outbound).toBe(march8.totals.outbound + 1);
    expect(team.totals.talkSeconds).toBe(march8.totals.talkSeconds + 30);
    expect(team.agents.map((row) => [row.ownerId, row.happened, row.answered])).toEqual([
      [a.agent.id, 5, 3],
      [a.agent2.id, 1, 1],
    ]);
    expect(team.agents[0]!.name).toBe(a.agent.displayName);
    expect(team.agents.map((row) => row.ownerId)).not.toContain(expect.stringMatching(/^$/));

    const refused = await serverFigures(a.agent, '2026-03-08', 'team');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/supervisors/);

    for (const user of [b.supervisor, b.admin]) {
      const other = (await serverFigures(user, '2026-03-08', 'team')).json<DashboardFigures>();
      expect(other.totals.happened).toBe(0);
      expect(other.agents).toEqual([]);
      expect(other.outcomes).toEqual({ Planned: 0, Held: 0, NotHeld: 0, Cancelled: 0 });
    }
  });

  it('refuses a bad period in plain words', async () => {
    const backwards = await as(server, a.agent).get('/analytics/dashboard?period=custom&from=2026-03-09&to=2026-03-08');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('The last day comes before the first.');
    const missing = await as(server, a.agent).get('/analytics/dashboard?period=custom');
    expect(missing.statusCode).toBe(400);
    const zone = await as(server, a.agent).get('/analytics/dashboard?tz=Mars/Olympus');
    expect(zone.statusCode).toBe(400);
  });
});
