import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Contact } from '../../../../src/shared/domain/directory';
import {
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { offlinePair, openDesktop, signIn } from '../sync/harness';

let server: TestServer;
let company: TestCompany;
beforeAll(async () => {
  server = await startTestServerForDesktops();
  company = await seedCompany(server, 'acme');
});
afterAll(async () => server.close());

function pair() {
  const desktops = offlinePair(server);
  return { ...desktops, online: (on: boolean) => (on ? desktops.online() : desktops.offline()) };
}

const tagsOf = async (desktop: ReturnType<typeof openDesktop>, entity: 'calls' | 'contacts', id: string) =>
  (await desktop.invoke<{ tags: string[] }>('tags.get', { entity, id })).tags;

describe('tags on two desktops, offline, then synced', () => {
  it('both agents keep their tags; a removal only removes what its desktop saw', async () => {
    const { agent, supervisor, online } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    const call = await agent.invoke<CallRecord>('calls.create', { direction: 'Inbound', subject: 'Storm damage' });
    await agent.invoke('tags.add', { entity: 'calls', id: call.id, tag: 'storm' });
    await agent.sync();
    await supervisor.sync();
    expect(await tagsOf(supervisor, 'calls', call.id)).toEqual(['storm']);

    online(false);
    // The agent drops "storm" and adds "roof"; the supervisor, unaware, tags "storm" again and "vip".
    await agent.invoke('tags.remove', { entity: 'calls', id: call.id, tag: 'storm' });
    await agent.invoke('tags.add', { entity: 'calls', id: call.id, tag: '  roof ' });
    await supervisor.invoke('tags.add', { entity: 'calls', id: call.id, tag: 'vip' });
    expect(await tagsOf(agent, 'calls', call.id)).toEqual(['roof']);
    expect(await tagsOf(supervisor, 'calls', call.id)).toEqual(['storm', 'vip']);

    online(true);
    await agent.sync();
    await supervisor.sync();
    await agent.sync();
    // "storm" was already shown on the supervisor's desktop, so tagging it again made no
    // new addition: the one the agent's removal saw goes. "vip" and "roof" both stay.
    expect(await tagsOf(agent, 'calls', call.id)).toEqual(['roof', 'vip']);
    expect(await tagsOf(supervisor, 'calls', call.id)).toEqual(['roof', 'vip']);
    const suggestions = await agent.invoke<string[]>('tags.suggest', { prefix: 'r' });
    expect(suggestions).toEqual(['roof']);
    agent.close();
    supervisor.close();
  });

  it('a concurrent re-add of a tag another desktop removes survives (add wins)', async () => {
    const { agent, supervisor, online } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    const call = await agent.invoke<CallRecord>('calls.create', { direction: 'Inbound', subject: 'Billing' });
    await agent.invoke('tags.add', { entity: 'calls', id: call.id, tag: 'billing' });
    await agent.sync();
    await supervisor.sync();
    online(false);
    await agent.invoke('tags.remove', { entity: 'calls', id: call.id, tag: 'billing' });
    await supervisor.invoke('tags.remove', { entity: 'calls', id: call.id, tag: 'billing' });
    await supervisor.invoke('tags.add', { entity: 'calls', id: call.id, tag: 'billing' });
    online(true);
    await agent.sync();
    await supervisor.sync();
    await agent.sync();
    expect(await tagsOf(agent, 'calls', call.id)).toEqual(['billing']);
    expect(await tagsOf(supervisor, 'calls', call.id)).toEqual(['billing']);
    agent.close();
    supervisor.close();
  });

  it('a contact edited in its sheet and tagged inline elsewhere keeps both changes', async () => {
    const { agent, supervisor, online } = pair();
    await signIn(agent, 'acme', company.agent.email);
    await signIn(supervisor, 'acme', company.supervisor.email);
    const contact = await agent.invoke<Contact>('contacts.create', { lastName: 'Okafor', tags: ['VIP'] });
    await agent.sync();
    await supervisor.sync();
    online(false);
    await agent.invoke('contacts.update', {
      id: contact.id,
      firstName: '',
      lastName: 'Okafor',
      email: '',
      phones: [],
      tags: ['VIP', 'roofing'],
      doNotContact: false,
      doNotContactReason: null,
    });
    await supervisor.invoke('tags.add', { entity: 'contacts', id: contact.id, tag: 'storm' });
    online(true);
    await agent.sync();
    await supervisor.sync();
    await agent.sync();
    expect(await tagsOf(agent, 'contacts', contact.id)).toEqual(['roofing', 'storm', 'VIP']);
    const onSupervisor = await supervisor.invoke<{ contact: Contact }>('contacts.get', { id: contact.id });
    expect(onSupervisor.contact.tags).toEqual(['roofing', 'storm', 'VIP']);
    agent.close();
    supervisor.close();
  });

  it('refuses a tag on a call that is not here, and an empty tag, in words', async () => {
    const { agent } = pair();
    const missing = await agent.core.dispatch('tags.add', { entity: 'calls', id: 'nope', tag: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const call = await agent.invoke<CallRecord>('calls.create', { direction: 'Inbound', subject: 'x' });
    const empty = await agent.core.dispatch('tags.add', { entity: 'calls', id: call.id, tag: '  ' });
    expect(empty.ok).toBe(false);
    expect(JSON.stringify(empty)).toContain('A tag needs at least one letter.');
    agent.close();
  });
});
