import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, tombstones, users } from '../../src/server/db/schema';
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

/** A supervisor changes who owns a call (call.setOwner): who may, to whom, and who then sees it. */

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;
const newClient = clientIds('owner');
const m = envelopes(Date.parse(AT), 'n1');
let wall = Date.parse(AT) + 1_000;
/** Each change a later clock than the one before, so last-writer-wins lets it through. */
const later = (id: number, name: string, args: unknown) => m(id, name, args, (wall += 1_000));

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'ownacme');
  globex = await seedCompany(server, 'ownglobex');
});
afterAll(() => server.close());

async function ownerOf(id: string): Promise<string | undefined> {
  const [row] = await server.database.db.select({ ownerId: calls.ownerId }).from(calls).where(eq(calls.id, id));
  return row?.ownerId;
}

async function pushOne(user: { token: string }, name: string, args: unknown) {
  const { body } = await as(server, user).push(newClient(), [later(1, name, args)]);
  return body.outcomes[0];
}

describe('call.setOwner', () => {
  it('refuses an agent, a colleague of another company, an unknown user and another company’s call, applying nothing', async () => {
    await as(server, acme.agent).push(newClient(), [m(1, 'call.create', newCallArgs('own-1'))]);
    const give = (ownerId: string) => ({ id: 'own-1', ownerId, at: AT });

    expect(await pushOne(acme.agent, 'call.setOwner', give(acme.agent2.id))).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden', message: 'Only a supervisor or an admin can change who owns a call.' },
    });
    expect(await pushOne(acme.supervisor, 'call.setOwner', give(globex.agent.id))).toMatchObject({
      status: 'rejected',
      error: { code: 'unknown_user', message: `No colleague has the id ${globex.agent.id}.` },
    });
    expect(await pushOne(acme.supervisor, 'call.setOwner', give('nobody-here'))).toMatchObject({
      status: 'rejected',
      error: { code: 'unknown_user' },
    });
    // Globex's supervisor, naming their own agent: the call is not theirs to see.
    expect(await pushOne(globex.supervisor, 'call.setOwner', give(globex.agent.id))).toMatchObject({
      status: 'rejected',
      error: { code: 'not_found' },
    });
    expect(await ownerOf('own-1')).toBe(acme.agent.id);
  });

  it('gives the call to the new owner; the old owner’s desktop is told to drop it, the new one pulls it', async () => {
    const oldOwner = as(server, acme.agent);
    const newOwner = as(server, acme.agent2);
    const oldClient = newClient();
    const newClientId = newClient();
    await oldOwner.push(oldClient, [m(1, 'call.create', newCallArgs('own-2'))]);
    const before = await oldOwner.pull(oldClient, null);
    expect(before.changes.calls.map((c) => c.id)).toContain('own-2');
    const newBefore = await newOwner.pull(newClientId, null);
    expect(newBefore.changes.calls.map((c) => c.id)).not.toContain('own-2');

    expect(await pushOne(acme.supervisor, 'call.setOwner', { id: 'own-2', ownerId: acme.agent2.id, at: AT })).toEqual({
      id: 1,
      status: 'applied',
    });
    expect(await ownerOf('own-2')).toBe(acme.agent2.id);

    const lost = await oldOwner.pull(oldClient, before.cursor);
    expect(lost.deletes).toContainEqual({ entity: 'calls', id: 'own-2' });
    expect(lost.changes.calls.map((c) => c.id)).not.toContain('own-2');
    const gained = await newOwner.pull(newClientId, newBefore.cursor);
    expect(gained.changes.calls.find((c) => c.id === 'own-2')?.ownerId).toBe(acme.agent2.id);

    // Given back: the tombstone goes, so a pull from the start does not drop the call again.
    expect(await pushOne(acme.admin, 'call.setOwner', { id: 'own-2', ownerId: acme.agent.id, at: AT })).toMatchObject({
      status: 'applied',
    });
    const fresh = await oldOwner.pull(newClient(), null);
    expect(fresh.changes.calls.map((c) => c.id)).toContain('own-2');
    expect(fresh.deletes).not.toContainEqual({ entity: 'calls', id: 'own-2' });
    const agent2Stone = await server.database.db
      .select({ ownerId: tombstones.ownerId })
      .from(tombstones)
      .where(and(eq(tombstones.companyId, acme.id), eq(tombstones.id, 'own-2')));
    expect(agent2Stone).toEqual([{ ownerId: acme.agent2.id }]);
  });

  it('keeps the call on the old owner’s desktop when they take part in it', async () => {
    const asAttendee = [{ kind: 'user', id: acme.agent.id, role: 'attendee', name: 'Agent' }];
    await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs('own-3', { participants: asAttendee })),
    ]);
    await pushOne(acme.supervisor, 'call.setOwner', { id: 'own-3', ownerId: acme.supervisor.id, at: AT });
    const pulled = await as(server, acme.agent).pull(newClient(), null);
    expect(pulled.changes.calls.find((c) => c.id === 'own-3')?.ownerId).toBe(acme.supervisor.id);
    expect(pulled.deletes).not.toContainEqual({ entity: 'calls', id: 'own-3' });
  });

  it('refuses a disabled colleague in words, and an older change loses to a newer one', async () => {
    await as(server, acme.agent).push(newClient(), [m(1, 'call.create', newCallArgs('own-4'))]);
    await server.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, acme.agent2.id));
    try {
      expect(
        await pushOne(acme.supervisor, 'call.setOwner', { id: 'own-4', ownerId: acme.agent2.id, at: AT }),
      ).toMatchObject({
        status: 'rejected',
        error: {
          code: 'user_disabled',
          message: `${acme.agent2.displayName}’s account is disabled: they cannot own calls.`,
        },
      });
      expect(await ownerOf('own-4')).toBe(acme.agent.id);
    } finally {
      await server.database.db.update(users).set({ disabledAt: null }).where(eq(users.id, acme.agent2.id));
    }

    await pushOne(acme.supervisor, 'call.setOwner', { id: 'own-4', ownerId: acme.supervisor.id, at: AT });
    // Stamped before the change above (an offline desktop's): processed, but the newer owner stays.
    const stale = await as(server, acme.admin).push(newClient(), [
      m(1, 'call.setOwner', { id: 'own-4', ownerId: acme.agent2.id, at: AT }, Date.parse(AT) + 500),
    ]);
    expect(stale.body.outcomes[0]).toMatchObject({ status: 'applied' });
    expect(await ownerOf('own-4')).toBe(acme.supervisor.id);
  });
});
