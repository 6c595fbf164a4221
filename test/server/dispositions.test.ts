import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  AT,
  clientIds,
  envelopes,
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

const newClient = clientIds('dispo');
const m = envelopes(1000, 'n1');

const statusesOf = (outcomes: { id: number; status: string; error?: { code: string; message: string } }[]) =>
  outcomes.map((o) => [o.id, o.status, o.error?.message ?? null]);

describe('the server applies the shared disposition rule', () => {
  it('refuses an outbound-only outcome on an unanswered inbound call, in words', async () => {
    const client = newClient();
    const id = `${client}-in`;
    const { body } = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(id, { direction: 'Inbound', status: 'NotHeld', reason: 'Missed call' })),
      m(2, 'call.update', { id, set: { dispositionCode: 'left_voicemail' }, at: AT }),
      m(3, 'call.update', { id, set: { dispositionCode: 'missed' }, at: AT }),
    ]);
    expect(statusesOf(body.outcomes)).toEqual([
      [1, 'applied', null],
      [2, 'rejected', '"Left voicemail" does not fit an incoming call.'],
      [3, 'applied', null],
    ]);
  });

  it('refuses a Held outcome on a call created Not Held, and accepts a team code it does not know', async () => {
    const client = newClient();
    const { body } = await as(server, acme.agent).push(client, [
      m(
        1,
        'call.create',
        newCallArgs(`${client}-a`, { status: 'NotHeld', reason: 'No answer', dispositionCode: 'sale' }),
      ),
      m(
        2,
        'call.create',
        newCallArgs(`${client}-b`, { status: 'NotHeld', reason: 'No answer', dispositionCode: 'team_special' }),
      ),
    ]);
    expect(statusesOf(body.outcomes)).toEqual([
      [1, 'rejected', '"Sale" does not fit a call that was not held.'],
      [2, 'applied', null],
    ]);
  });
});

describe('GET /calls finds calls by phone number in any format', () => {
  it('matches the number as typed, with the region for a national format', async () => {
    const globex = await seedCompany(server, 'globex');
    const client = newClient();
    await as(server, globex.agent).push(client, [
      m(1, 'call.create', newCallArgs(`${client}-in`, { direction: 'Inbound', fromNumber: '+16465550107' })),
      m(2, 'call.create', newCallArgs(`${client}-out`, { toNumber: '+16465550107' })),
      m(3, 'call.create', newCallArgs(`${client}-other`, { toNumber: '+12125550101' })),
    ]);
    const ids = async (query: string) =>
      ((await as(server, globex.agent).get(`/calls?${query}`)).json().items as { id: string }[])
        .map((c) => c.id)
        .sort();
    const both = [`${client}-in`, `${client}-out`];
    expect(await ids(`q=${encodeURIComponent('+1 646-555-0107')}`)).toEqual(both);
    expect(await ids(`q=${encodeURIComponent('(646) 555-0107')}&region=US`)).toEqual(both);
    expect(await ids(`q=${encodeURIComponent('(646) 555-0107')}`)).toEqual([]); // no country: not a number
  });
});
