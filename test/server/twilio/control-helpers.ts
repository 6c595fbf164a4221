import { agentPresence } from '../../../src/server/db/schema';
import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import type { TestServer } from '../helpers/server';
import type { FakeTwilioRest } from './fake-twilio-rest';
import { callSid, PUBLIC_URL, rfc2822, twilioPost } from './webhook-client';

/** Calls set up the way Twilio would have them when an agent presses Hold or Transfer. */

export interface Account {
  accountSid: string;
  authToken: string;
}

const T0 = Date.parse('2026-03-10T12:00:00.000Z');
export const at = (seconds: number) => rfc2822(new Date(T0 + seconds * 1000).toISOString());

export async function setAvailable(server: TestServer, companyId: string, userId: string) {
  await server.database.db
    .insert(agentPresence)
    .values({ companyId, userId, availability: 'Available', hlc: '0', lastSeenAt: server.clock.now })
    .onConflictDoUpdate({
      target: [agentPresence.companyId, agentPresence.userId],
      set: { availability: 'Available', lastSeenAt: server.clock.now },
    });
}

export async function legStatus(
  server: TestServer,
  account: Account,
  leg: { sid: string; parent?: string; to: string; query: string },
  status: string,
  sequence: number,
  second: number,
  duration?: number,
) {
  const response = await twilioPost(
    server,
    `/twilio/voice/status${leg.query}`,
    {
      AccountSid: account.accountSid,
      CallSid: leg.sid,
      ...(leg.parent ? { ParentCallSid: leg.parent } : {}),
      CallStatus: status,
      SequenceNumber: String(sequence),
      Timestamp: at(second),
      To: leg.to,
      ...(duration !== undefined ? { CallDuration: String(duration) } : {}),
    },
    { authToken: account.authToken },
  );
  if (response.statusCode !== 204) throw new Error(`status callback ${response.statusCode}: ${response.body}`);
}

/** A customer calls the company number; the agent answers the <Client> leg. */
export async function answeredInbound(server: TestServer, account: Account, agentId: string, from = '+12125550199') {
  const customer = callSid('customer');
  const client = callSid('client');
  const twiml = await twilioPost(
    server,
    '/twilio/voice/incoming',
    { AccountSid: account.accountSid, CallSid: customer, From: from, To: '+14155550100', CallStatus: 'ringing' },
    { authToken: account.authToken },
  );
  const callId = /name="CrmCallId" value="([^"]+)"/.exec(twiml.body)?.[1];
  if (!callId) throw new Error(`no call id in ${twiml.body}`);
  const leg = {
    sid: client,
    parent: customer,
    to: `client:${voiceIdentityForUser(agentId)}`,
    query: `?callId=${callId}`,
  };
  await legStatus(server, account, leg, 'ringing', 0, 1);
  await legStatus(server, account, leg, 'in-progress', 1, 5);
  return { customer, client, callId, from };
}

/** The agent dials a customer from the desktop; the customer answers the <Number> leg. */
export async function answeredOutbound(
  server: TestServer,
  account: Account,
  agentId: string,
  to: string,
  crmCallId: string,
) {
  const parent = callSid('agent');
  const child = callSid('customer');
  const twiml = await twilioPost(
    server,
    '/twilio/voice/outgoing',
    {
      AccountSid: account.accountSid,
      CallSid: parent,
      From: `client:${voiceIdentityForUser(agentId)}`,
      To: to,
      CrmCallId: crmCallId,
      CallStatus: 'ringing',
    },
    { authToken: account.authToken },
  );
  const leg = { sid: child, parent, to, query: `?callId=${crmCallId}` };
  await legStatus(server, account, leg, 'ringing', 0, 1);
  await legStatus(server, account, leg, 'in-progress', 1, 8);
  return { parent, child, callId: crmCallId, twiml: twiml.body };
}

export const CONFERENCE_SID = `CF${'c'.repeat(32)}`;

/** Twilio reports a participant joined the call's Conference. */
export async function joined(server: TestServer, account: Account, callId: string, sid: string) {
  const response = await twilioPost(
    server,
    `/twilio/voice/conference?callId=${callId}`,
    {
      AccountSid: account.accountSid,
      ConferenceSid: CONFERENCE_SID,
      FriendlyName: `crm-${callId}`,
      StatusCallbackEvent: 'participant-join',
      CallSid: sid,
    },
    { authToken: account.authToken },
  );
  if (response.statusCode !== 204) throw new Error(`conference callback ${response.statusCode}: ${response.body}`);
}

/** The REST requests made since `from`, without the auth header (checked separately). */
export function requestsSince(rest: FakeTwilioRest, from: number) {
  return rest.requests.slice(from).map(({ method, path, form }) => ({ method, path, form }));
}

export const base = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}`;
export const participant = (accountSid: string, sid: string) =>
  `${base(accountSid)}/Conferences/${CONFERENCE_SID}/Participants/${sid}.json`;
export const conferenceCallback = (callId: string) => `${PUBLIC_URL}/twilio/voice/conference?callId=${callId}`;

/** The TwiML a leg is given to join the call's Conference. */
export function joinTwiml(callId: string, label: 'customer' | 'agent') {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Conference participantLabel="' +
    label +
    '" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false" waitUrl="" statusCallback="' +
    conferenceCallback(callId).replace(/&/g, '&amp;') +
    '" statusCallbackEvent="start end join leave" statusCallbackMethod="POST" record="record-from-start"' +
    ` recordingStatusCallback="${PUBLIC_URL}/twilio/voice/recording?callId=${callId}&amp;kind=conference"` +
    ' recordingStatusCallbackEvent="completed">crm-' +
    callId +
    '</Conference></Dial></Response>'
  );
}

/** The REST request that gives a live call new TwiML. */
export const redirected = (accountSid: string, sid: string, twiml: string) => ({
  method: 'POST',
  path: `${base(accountSid)}/Calls/${sid}.json`,
  form: { Twiml: twiml },
});

/** The agent's outgoing <Dial> ended: Twilio asks its action URL what next. */
export function agentAfterDial(
  server: TestServer,
  account: Account,
  agentId: string,
  call: { parent: string; callId: string },
  to: string,
) {
  return twilioPost(
    server,
    `/twilio/voice/outgoing?step=after-dial&callId=${call.callId}`,
    {
      AccountSid: account.accountSid,
      CallSid: call.parent,
      From: `client:${voiceIdentityForUser(agentId)}`,
      To: to,
      DialCallStatus: 'completed',
    },
    { authToken: account.authToken },
  );
}
