import { voiceIdentityForUser } from '../../../src/shared/voice/protocol';
import { callSid, recordingSid, rfc2822 } from './webhook-client';

/**
 * Callback sequences as Twilio sends them for one call: the voice requests (in order:
 * Twilio waits for our TwiML before it makes the next leg) and then the status and
 * recording callbacks, which may come in any order and more than once.
 */
export interface Step {
  path: string;
  params: Record<string, string>;
}

export interface Scenario {
  ordered: Step[];
  callbacks: Step[];
  /** The desktop’s record id, which the outgoing request carries as CrmCallId. */
  crmCallId: string;
}

const T0 = Date.parse('2026-03-10T12:00:00.000Z');
const at = (seconds: number) => rfc2822(new Date(T0 + seconds * 1000).toISOString());

let recordings = 0;

function leg(
  account: string,
  sid: string,
  parent: string | null,
  to: string,
  events: [status: string, second: number][],
  query: string,
  duration?: number,
): Step[] {
  return events.map(([status, second], index) => ({
    path: `/twilio/voice/status${query}`,
    params: {
      AccountSid: account,
      CallSid: sid,
      ...(parent ? { ParentCallSid: parent } : {}),
      CallStatus: status,
      SequenceNumber: String(index),
      Timestamp: at(second),
      To: to,
      ...(status === 'completed' && duration !== undefined ? { CallDuration: String(duration) } : {}),
    },
  }));
}

export type OutboundEnd = 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled';

/** The agent dials a customer from the desktop (record id `crmCallId`). */
export function outboundScenario(
  account: string,
  agentId: string,
  crmCallId: string,
  to: string,
  end: OutboundEnd,
  talkSeconds = 90,
): Scenario {
  const parent = callSid('parent');
  const child = callSid('child');
  const query = `?callId=${crmCallId}`;
  const customer =
    end === 'answered'
      ? leg(
          account,
          child,
          parent,
          to,
          [
            ['initiated', 0],
            ['ringing', 1],
            ['in-progress', 8],
            ['completed', 8 + talkSeconds],
          ],
          query,
          talkSeconds,
        )
      : leg(
          account,
          child,
          parent,
          to,
          [
            ['initiated', 0],
            ['ringing', 1],
            [end, 30],
          ],
          query,
          0,
        );
  const agentLeg = leg(
    account,
    parent,
    null,
    `client:${voiceIdentityForUser(agentId)}`,
    [['completed', 10 + talkSeconds]],
    '',
    10 + talkSeconds,
  );
  return {
    crmCallId,
    ordered: [
      {
        path: '/twilio/voice/outgoing',
        params: {
          AccountSid: account,
          CallSid: parent,
          From: `client:${voiceIdentityForUser(agentId)}`,
          To: to,
          CrmCallId: crmCallId,
          CallStatus: 'ringing',
        },
      },
    ],
    callbacks: [
      ...customer,
      ...agentLeg,
      ...(end === 'answered' ? [recording(account, parent, query, talkSeconds, 'call')] : []),
    ],
  };
}

function recording(account: string, sid: string, query: string, seconds: number, kind: string): Step {
  recordings += 1;
  const recordingSidValue = recordingSid(recordings);
  return {
    path: `/twilio/voice/recording${query}&kind=${kind}`,
    params: {
      AccountSid: account,
      CallSid: sid,
      RecordingSid: recordingSidValue,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${account}/Recordings/${recordingSidValue}`,
      RecordingStatus: 'completed',
      RecordingDuration: String(seconds),
    },
  };
}

/**
 * A customer calls the company number; `agents` are rung; the first answers (or nobody
 * does, and the caller leaves a voicemail). The inbound call id is only known from the
 * TwiML, so the callbacks are built once it is (`withCallId`).
 */
export function inboundScenario(
  account: string,
  from: string,
  number: string,
  agents: string[],
  answered: boolean,
  talkSeconds = 720,
) {
  const customer = callSid('customer');
  const clients = agents.map(() => callSid('client'));
  const ordered: Step[] = [
    {
      path: '/twilio/voice/incoming',
      params: { AccountSid: account, CallSid: customer, From: from, To: number, CallStatus: 'ringing' },
    },
  ];
  return {
    customer,
    ordered,
    afterDial: (callId: string): Step => ({
      path: `/twilio/voice/incoming?step=after-dial&callId=${callId}`,
      params: {
        AccountSid: account,
        CallSid: customer,
        From: from,
        To: number,
        DialCallStatus: answered ? 'completed' : 'no-answer',
      },
    }),
    withCallId(callId: string): Step[] {
      const query = `?callId=${callId}`;
      const agentLegs = agents.flatMap((agentId, index) => {
        const to = `client:${voiceIdentityForUser(agentId)}`;
        if (answered && index === 0) {
          return leg(
            account,
            clients[index]!,
            customer,
            to,
            [
              ['initiated', 0],
              ['ringing', 1],
              ['in-progress', 5],
              ['completed', 5 + talkSeconds],
            ],
            query,
            talkSeconds,
          );
        }
        return leg(
          account,
          clients[index]!,
          customer,
          to,
          [
            ['initiated', 0],
            ['ringing', 1],
            [answered ? 'canceled' : 'no-answer', answered ? 5 : 25],
          ],
          query,
          0,
        );
      });
      const callerEnd = answered ? 6 + talkSeconds : 60;
      return [
        ...agentLegs,
        ...leg(
          account,
          customer,
          null,
          number,
          [
            ['in-progress', 0],
            ['completed', callerEnd],
          ],
          '',
          callerEnd,
        ),
        answered
          ? recording(account, customer, query, talkSeconds, 'call')
          : recording(account, customer, query, 20, 'voicemail'),
      ];
    },
  };
}
