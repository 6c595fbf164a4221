import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes } from '../../src/server/db/schema';
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

/**
 * A note carries its call's viewers (migration 0020's triggers), and an agent's pull selects
 * notes by them: they must follow the call's owner and participants however those change,
 * or a note would reach the wrong desktops (or none).
 */

let server: TestServer;
let acme: TestCompany;
const newClient = clientIds('noteview');
const m = envelopes(Date.parse(AT), 'nv');
let wall = Date.parse(AT) + 1_000;
const later = (id: number, name: string, args: unknown) => m(id, name, args, (wall += 1_000));

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'noteview');
});
afterAll(() => server.close());

async function viewersOf(noteId: string) {
  const [row] = await server.database.db
    .select({ owner: notes.callOwnerId, guests: notes.callGuestIds })
    .from(notes)
    .where(and(eq(notes.companyId, acme.id), eq(notes.id, noteId)));
  return row;
}

const noteIdsFromStart = async (user: { token: string }) =>
  (await as(server, user).pull(newClient(), null)).changes.notes.map((note) => note.id);

describe("a note's copy of its call's viewers", () => {
  it('is taken from the call as the note is written, and none for a note on no call', async () => {
    await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs('nv-1')),
      m(2, 'note.add', { id: 'nv-n1', body: 'Renewal', callId: 'nv-1', at: AT }),
      m(3, 'note.add', { id: 'nv-n0', body: 'Directory', callId: null, at: AT }),
    ]);
    expect(await viewersOf('nv-n1')).toEqual({ owner: acme.agent.id, guests: null });
    expect(await viewersOf('nv-n0')).toEqual({ owner: null, guests: null });
    expect(await noteIdsFromStart(acme.agent)).toEqual(expect.arrayContaining(['nv-n1', 'nv-n0']));
    const colleague = await noteIdsFromStart(acme.agent2);
    expect(colleague).toContain('nv-n0');
    expect(colleague).not.toContain('nv-n1');
  });

  it('follows the call to a new owner: the new owner pulls the note, the old one no longer', async () => {
    await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs('nv-2')),
      m(2, 'note.add', { id: 'nv-n2', body: 'Renewal', callId: 'nv-2', at: AT }),
    ]);
    const { body } = await as(server, acme.supervisor).push(newClient(), [
      later(1, 'call.setOwner', { id: 'nv-2', ownerId: acme.agent2.id, at: AT }),
    ]);
    expect(body.outcomes[0]).toMatchObject({ status: 'applied' });
    expect(await viewersOf('nv-n2')).toEqual({ owner: acme.agent2.id, guests: null });
    expect(await noteIdsFromStart(acme.agent2)).toContain('nv-n2');
    expect(await noteIdsFromStart(acme.agent)).not.toContain('nv-n2');
    // Supervisors see every note of the company whatever the copy says.
    expect(await noteIdsFromStart(acme.supervisor)).toContain('nv-n2');
  });

  it('follows the call’s participants: one taken in pulls the note, the owner is not a guest', async () => {
    await as(server, acme.agent).push(newClient(), [
      m(1, 'call.create', newCallArgs('nv-3')),
      m(2, 'note.add', { id: 'nv-n3', body: 'Renewal', callId: 'nv-3', at: AT }),
    ]);
    expect(await noteIdsFromStart(acme.agent2)).not.toContain('nv-n3');
    await server.database.db
      .execute(sql`update calls set participant_user_ids = array[${acme.agent.id}, ${acme.agent2.id}]
      where company_id = ${acme.id} and id = 'nv-3'`);
    expect(await viewersOf('nv-n3')).toEqual({ owner: acme.agent.id, guests: [acme.agent2.id] });
    expect(await noteIdsFromStart(acme.agent2)).toContain('nv-n3');
    expect(await noteIdsFromStart(acme.agent)).toContain('nv-n3');
    // Taken off again: the copy follows.
    await server.database.db.execute(sql`update calls set participant_user_ids = array[${acme.agent.id}]
      where company_id = ${acme.id} and id = 'nv-3'`);
    expect(await viewersOf('nv-n3')).toEqual({ owner: acme.agent.id, guests: null });
    expect(await noteIdsFromStart(acme.agent2)).not.toContain('nv-n3');
  });
});
