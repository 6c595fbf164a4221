import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  AT,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

const m = (id: number, name: string, args: unknown) => ({ id, name, args, hlc: hlc(5000 + id, 'times') });

// The server applies the desktop's shared rules (src/shared/domain), so a change the
// console refuses is refused here too, with the same code and sentence.
describe('call times the server refuses', () => {
  it('a call created Held with a start after the change, or planned in 1999 or 9999', async () => {
    const client = `times-${Date.now()}`;
    const future = new Date(Date.parse(AT) + 3_600_000).toISOString();
    const { body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(`${client}-held`, { status: 'Held', actualStart: future, actualEnd: future })),
      m(
        2,
        'call.create',
        newCallArgs(`${client}-1999`, {
          plannedStart: { local: '1999-06-01T09:00', zone: 'UTC', utc: '1999-06-01T09:00:00.000Z' },
        }),
      ),
      m(3, 'call.create', newCallArgs(`${client}-ok`)),
      m(4, 'call.update', {
        id: `${client}-ok`,
        set: { plannedStart: { local: '9999-06-01T09:00', zone: 'UTC', utc: '9999-06-01T09:00:00.000Z' } },
        at: AT,
      }),
    ]);
    expect(body.outcomes.map((o) => [o.id, o.status, o.status === 'rejected' ? o.error.code : null])).toEqual([
      [1, 'rejected', 'held_in_future'],
      [2, 'rejected', 'planned_year_out_of_range'],
      [3, 'applied', null],
      // Year 9999 is past the instants' bound (1970-2200), refused by the schema first.
      [4, 'rejected', 'invalid_args'],
    ]);
    const first = body.outcomes[0]!;
    expect(first.status === 'rejected' && first.error.message).toBe(
      'A held call has already taken place, so its start cannot be in the future. Check the date and time.',
    );
  });
});
