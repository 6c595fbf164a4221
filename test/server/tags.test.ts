import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  AT,
  clientIds,
  hlc,
  newCallArgs,
  seedCompany,
  startTestServer,
  type TestCompany,
  type TestServer,
} from './helpers/server';
import { visibleTags } from '../../src/shared/domain/tag-set';

/**
 * Tags on the server: tag.add / tag.remove merge into the stored add-wins set in any
 * arrival order, travel back in pulls, and stay inside the company.
 */

let server: TestServer;
let acme: TestCompany;
let globex: TestCompany;
const nextClient = clientIds('tags');

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme-tags');
  globex = await seedCompany(server, 'globex-tags');
});
afterAll(() => server.close());

async function pulledCall(user: { token: string }, id: string) {
  const pulled = await as(server, user).pull(nextClient(), null, 10_000);
  return pulled.changes.calls.find((call) => call.id === id);
}

const add = (id: string, tag: string, addId: string) => ({ entity: 'calls', id, tag, addId, at: AT });

describe('tags on the server', () => {
  it('keeps both agents’ offline tags, and a removal only removes the additions it saw', async () => {
    const agent = nextClient();
    await as(server, acme.agent).push(agent, [
      { id: 1, name: 'call.create', args: newCallArgs('tg-1'), hlc: hlc(1000, 'agent') },
      { id: 2, name: 'tag.add', args: add('tg-1', 'storm', 'a-storm-1'), hlc: hlc(1100, 'agent') },
    ]);
    // Offline, both: the supervisor adds "storm" again and "vip"; the agent removes the "storm" it saw.
    const supervisor = nextClient();
    const fromSupervisor = await as(server, acme.supervisor).push(supervisor, [
      { id: 1, name: 'tag.add', args: add('tg-1', 'vip', 's-vip-1'), hlc: hlc(1200, 'sup') },
      { id: 2, name: 'tag.add', args: add('tg-1', 'storm', 's-storm-1'), hlc: hlc(1201, 'sup') },
    ]);
    expect(fromSupervisor.body.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    await as(server, acme.agent).push(agent, [
      {
        id: 3,
        name: 'tag.remove',
        args: { entity: 'calls', id: 'tg-1', addIds: ['a-storm-1'], at: AT },
        hlc: hlc(1150, 'agent'),
      },
    ]);
    const call = await pulledCall(acme.agent, 'tg-1');
    expect(visibleTags(call!.tagSet!)).toEqual(['storm', 'vip']);
    expect(call!.tagSet!.removed).toEqual(['a-storm-1']);
  });

  it('ends on the same tags whichever desktop’s changes arrive first', async () => {
    const orders = [
      ['first', 'second'],
      ['second', 'first'],
    ] as const;
    const results: string[][] = [];
    for (const [index, order] of orders.entries()) {
      const id = `tg-order-${index}`;
      await as(server, acme.agent).push(nextClient(), [
        { id: 1, name: 'call.create', args: newCallArgs(id), hlc: hlc(1000, 'agent') },
        { id: 2, name: 'tag.add', args: add(id, 'billing', `seen-${index}`), hlc: hlc(1001, 'agent') },
      ]);
      const batches = {
        first: [
          {
            id: 1,
            name: 'tag.remove',
            args: { entity: 'calls', id, addIds: [`seen-${index}`], at: AT },
            hlc: hlc(2000, 'a'),
          },
          { id: 2, name: 'tag.add', args: add(id, 'spam', `a-spam-${index}`), hlc: hlc(2001, 'a') },
        ],
        second: [{ id: 1, name: 'tag.add', args: add(id, 'billing', `b-billing-${index}`), hlc: hlc(1500, 'b') }],
      };
      for (const who of order)
        await as(server, who === 'first' ? acme.agent : acme.supervisor).push(nextClient(), batches[who]);
      results.push(visibleTags((await pulledCall(acme.agent, id))!.tagSet!));
    }
    expect(results).toEqual([
      ['billing', 'spam'],
      ['billing', 'spam'],
    ]);
  });

  it('tags a contact tagged before sets without losing its old tags, and a removal of an old tag works', async () => {
    const contactId = 'tg-contact-1';
    const client = nextClient();
    await as(server, acme.agent).push(client, [
      {
        id: 1,
        name: 'contact.create',
        args: { id: contactId, lastName: 'Ng', tags: ['VIP'], at: AT },
        hlc: hlc(1000, 'agent'),
      },
      {
        id: 2,
        name: 'tag.add',
        args: { entity: 'contacts', id: contactId, tag: 'storm', addId: 'c-storm', at: AT },
        hlc: hlc(1001, 'agent'),
      },
    ]);
    let pulled = await as(server, acme.agent).pull(nextClient(), null, 10_000);
    let contact = pulled.changes.contacts.find((c) => c.id === contactId)!;
    expect(contact.tags).toEqual(['storm', 'VIP']);
    const seedId = Object.keys(contact.tagSet!.adds).find((id) => contact.tagSet!.adds[id] === 'VIP')!;
    await as(server, acme.supervisor).push(nextClient(), [
      {
        id: 1,
        name: 'tag.remove',
        args: { entity: 'contacts', id: contactId, addIds: [seedId], at: AT },
        hlc: hlc(1002, 'sup'),
      },
    ]);
    pulled = await as(server, acme.agent).pull(nextClient(), null, 10_000);
    contact = pulled.changes.contacts.find((c) => c.id === contactId)!;
    expect(contact.tags).toEqual(['storm']);
  });

  it('refuses to tag another company’s call, and never shows it', async () => {
    await as(server, acme.agent).push(nextClient(), [
      { id: 1, name: 'call.create', args: newCallArgs('tg-private'), hlc: hlc(1000, 'agent') },
    ]);
    const outsider = await as(server, globex.admin).push(nextClient(), [
      { id: 1, name: 'tag.add', args: add('tg-private', 'mine', 'g-1'), hlc: hlc(1100, 'g') },
    ]);
    expect(outsider.body.outcomes[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(await pulledCall(globex.admin, 'tg-private')).toBeUndefined();
    expect((await pulledCall(acme.agent, 'tg-private'))!.tagSet).toBeUndefined();
  });

  it('rejects an empty tag in words', async () => {
    await as(server, acme.agent).push(nextClient(), [
      { id: 1, name: 'call.create', args: newCallArgs('tg-bad'), hlc: hlc(1000, 'agent') },
    ]);
    const bad = await as(server, acme.agent).push(nextClient(), [
      { id: 1, name: 'tag.add', args: add('tg-bad', '   ', 'x-1'), hlc: hlc(1100, 'agent') },
    ]);
    expect(bad.body.outcomes[0]).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(bad.body.outcomes[0])).toContain('A tag needs at least one letter.');
  });
});
