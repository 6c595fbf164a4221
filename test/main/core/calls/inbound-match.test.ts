import { describe, expect, it } from 'vitest';
import { popWithServerMatch } from '../../../../src/main/core/calls/inbound';
import type { ScreenPop } from '../../../../src/shared/api/line';
import { sampleCall } from '../helpers';
import { engineHarness } from '../telephony/voice-host-harness';
import { lineHarness } from './line-harness';

const caller = '+14155550123';

async function twilioLine() {
  const t = engineHarness();
  t.openPage();
  t.report({ type: 'hello' });
  const h = lineHarness({ line: t.engine });
  await t.flush();
  t.report({ type: 'registration', state: 'registered' });
  return { t, h };
}

function ring(t: ReturnType<typeof engineHarness>, customParameters: Record<string, string>) {
  t.report({
    type: 'incoming',
    call: {
      ref: 'in-1',
      callSid: 'CA_child_leg',
      direction: 'incoming',
      parameters: { CallSid: 'CA_child_leg', From: 'client:anonymous', To: 'client:agent_1' },
      customParameters,
    },
  });
}

describe('an inbound Twilio call and the CRM server’s record of it', () => {
  it('is recorded under the customer’s leg (ParentCallSid), before and after it connects, so the two records merge', async () => {
    const { t, h } = await twilioLine();
    ring(t, { ParentCallSid: 'CA_customer_leg', CallerNumber: caller });
    const ringing = await h.invoke('line.state');
    expect(ringing.phase).toBe('ringing-in');
    expect(ringing.call!.providerCallId).toBe('CA_customer_leg');
    expect(ringing.call!.number).toBe(caller);
    const callId = ringing.call!.callId;
    expect(h.call(callId)).toMatchObject({ providerCallId: 'CA_customer_leg', fromNumber: caller });

    await h.invoke('line.answer');
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'accept' } });
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'disconnect' } });
    expect(h.call(callId)).toMatchObject({ status: 'Held', providerCallId: 'CA_customer_leg' });
  });

  it('the customer the server matched reaches the pop, even when this desktop has not synced the record yet', async () => {
    const { t, h } = await twilioLine();
    ring(t, {
      ParentCallSid: 'CA_customer_leg',
      CallerNumber: caller,
      MatchType: 'contact',
      MatchId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      MatchName: 'Grace Hopper',
    });
    const { call } = await h.invoke('line.state');
    expect(call!.pop!.matches.map((m) => [m.type, m.id, m.name])).toEqual([
      ['contact', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'Grace Hopper'],
    ]);
    expect(call!.chosen).toEqual({ type: 'contact', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' });
    expect(call!.subject).toBe('Call from Grace Hopper');
  });

  it('among several local matches, the one the server named is the one the call is about', async () => {
    const { t, h } = await twilioLine();
    const account = h.addAccount();
    h.addContact({ accountId: account.id, phones: [{ kind: 'work', e164: caller, extension: null }] });
    const second = h.addContact({
      firstName: 'Grace',
      lastName: 'Hopper',
      accountId: account.id,
      phones: [{ kind: 'mobile', e164: caller, extension: null }],
    });
    ring(t, { CallerNumber: caller, MatchType: 'contact', MatchId: second.id, MatchName: 'Grace Hopper' });
    const { call } = await h.invoke('line.state');
    expect(call!.pop!.matches).toHaveLength(2);
    expect(call!.chosen).toEqual({ type: 'contact', id: second.id });
    expect(h.call(call!.callId).related).toMatchObject({ type: 'contact', id: second.id });
  });
});

describe('the server’s record, pulled before the ring reached the desktop', () => {
  it('is the one the call is logged on: no second record under an id of the desktop’s own', async () => {
    const { t, h } = await twilioLine();
    const recordId = '0190a1b2-0000-7000-8000-0000000000c9';
    const at = '2026-03-10T12:00:00.000Z';
    // As Twilio's voice request made it and a pull stored it: unassigned, Planned, the customer's leg.
    h.addCall(
      sampleCall({
        id: recordId,
        direction: 'Inbound',
        subject: `Call from ${caller}`,
        ownerId: '00000000-0000-7000-8000-000000000000',
        fromNumber: caller,
        toNumber: '+14155550100',
        providerCallId: 'CA_customer_leg',
        history: [{ at, by: 'system', from: null, to: 'Planned', reason: null }],
        createdAt: at,
        updatedAt: at,
      }),
    );
    ring(t, { ParentCallSid: 'CA_customer_leg', CrmCallId: recordId, CallerNumber: caller });
    expect((await h.invoke('line.state')).call!.callId).toBe(recordId);
    await h.invoke('line.answer');
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'accept' } });
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'disconnect' } });
    expect(h.call(recordId)).toMatchObject({ status: 'Held', providerCallId: 'CA_customer_leg' });
    expect(h.sql<{ id: string }>('select id from calls')).toEqual([{ id: recordId }]);
  });
});

describe('a call passed on by a transfer, on the colleague’s desktop', () => {
  it('rings with the customer’s number and is logged under the server’s record, on the customer’s leg', async () => {
    const { t, h } = await twilioLine();
    // The server rings `client:agent_…?ParentCallSid=…&CrmCallId=…&CallerNumber=…` (control.ts);
    // the SDK hands the query to the Device as the call's custom parameters.
    const recordId = '0190a1b2-0000-7000-8000-0000000000c7';
    const query = new URLSearchParams({ ParentCallSid: 'CA_customer_leg', CrmCallId: recordId, CallerNumber: caller });
    ring(t, Object.fromEntries(query));
    const ringing = await h.invoke('line.state');
    expect(ringing.call).toMatchObject({ callId: recordId, providerCallId: 'CA_customer_leg', number: caller });
    await h.invoke('line.answer');
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'accept' } });
    t.report({ type: 'call', ref: 'in-1', callSid: 'CA_child_leg', event: { type: 'disconnect' } });
    expect(h.call(recordId)).toMatchObject({
      direction: 'Inbound',
      status: 'Held',
      providerCallId: 'CA_customer_leg',
      fromNumber: caller,
    });
  });
});

describe('popWithServerMatch', () => {
  const pop: ScreenPop = { number: caller, numberDisplay: '+1 415 555 0123', matches: [], numberLocalTime: null };

  it('ignores parameters that do not name a record it can show', () => {
    expect(popWithServerMatch(pop, {})).toEqual({ pop, chosen: null });
    expect(popWithServerMatch(pop, { MatchType: 'opportunity', MatchId: 'x', MatchName: 'Deal' })).toEqual({
      pop,
      chosen: null,
    });
  });
});
