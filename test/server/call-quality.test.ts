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

const newClient = clientIds('quality');
const m = envelopes(5000, 'nq');

describe('a call’s quality summary on the server', () => {
  it('is stored from the desktop’s call.update and comes back on pull', async () => {
    const client = newClient();
    const id = `${client}-call`;
    const quality = { averageMos: 3.9, worstJitterMs: 41.5, packetLossPercent: 2.25 };
    const pushed = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(id)),
      m(2, 'call.update', { id, set: { quality }, at: AT }),
    ]);
    expect(pushed.body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const pulled = await as(server, acme.agent).pull(client, null);
    expect(pulled.changes.calls.find((c) => c.id === id)).toMatchObject({ quality });
  });

  it('rejects a summary that is not one (a MOS above 5), and keeps the call as it was', async () => {
    const client = newClient();
    const id = `${client}-call`;
    const pushed = await as(server, acme.agent).push(client, [
      m(1, 'call.create', newCallArgs(id)),
      m(2, 'call.update', { id, set: { quality: { averageMos: 7, worstJitterMs: 1, packetLossPercent: 0 } }, at: AT }),
    ]);
    expect(pushed.body.outcomes[1]).toMatchObject({ id: 2, status: 'rejected' });
  });
});
