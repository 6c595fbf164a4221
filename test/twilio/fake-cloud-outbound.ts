import {
  deferred,
  newCall,
  newSid,
  type CalleeScript,
  type CloudCall,
  type CloudCore,
  type Leg,
} from './fake-cloud-core';
import type { OutboundInvite } from './fake-signaling';
import { childrenNamed, readTwiml } from './twiml-reader';

/** The agent's Device places a call: the TwiML App's request, then the <Dial> to the callee. */
export async function placeOutbound(
  cloud: CloudCore,
  invite: OutboundInvite,
  hooks: { script(number: string): CalleeScript; register(call: CloudCall): void },
): Promise<void> {
  const { account, signaling } = cloud.options;
  const answerSdp = (callSid: string, offer: string) => signaling.answerOffer(callSid, offer);
  const parent: Leg = {
    sid: newSid('CA'),
    parentSid: null,
    from: `client:${invite.identity}`,
    to: invite.params.get('To') ?? '',
    direction: 'inbound',
    // The TwiML App's status callback URL.
    statusCallback: cloud.url('/twilio/voice/status'),
    events: new Set(['completed']),
    sequence: 0,
    startedAt: Date.now(),
    answeredAt: null,
  };
  // The agent's own call: only the agent (or the callee's script) ends it.
  const handle = newCall(parent.sid, () => undefined);
  hooks.register(handle);
  const finished = deferred();
  handle.done = finished.promise;
  const params = Object.fromEntries(invite.params);
  const request = await cloud.post(cloud.url('/twilio/voice/outgoing'), {
    ...params,
    AccountSid: account.accountSid,
    ApplicationSid: account.twimlAppSid,
    ApiVersion: '2010-04-01',
    CallSid: parent.sid,
    From: parent.from,
    Caller: parent.from,
    CallStatus: 'ringing',
    Direction: 'inbound',
  });
  const response = readTwiml(request.body);
  const dial = childrenNamed(response, 'Dial')[0];
  const number = dial && childrenNamed(dial, 'Number')[0];
  const endParent = async () => {
    const end = Date.now();
    await cloud.status(parent, 'completed', 'completed', end, Math.round((end - parent.startedAt) / 1000));
    finished.resolve();
  };
  if (!dial || !number) {
    // Refused (<Say> why, <Hangup>): the agent hears it on an answered call that then ends.
    handle.heard.push(...childrenNamed(response, 'Say').map((say) => say.text.trim()));
    invite.signal('answer', { callsid: parent.sid, sdp: await answerSdp(parent.sid, invite.sdp) });
    invite.signal('hangup', { callsid: parent.sid });
    return endParent();
  }
  const to = number.text.trim();
  handle.dials.push({ attrs: dial.attrs, targets: [{ kind: 'number', value: to, params: {} }] });
  const leg: Leg = {
    sid: newSid('CA'),
    parentSid: parent.sid,
    from: dial.attrs.callerId ?? '',
    to,
    direction: 'outbound-dial',
    statusCallback: number.attrs.statusCallback ?? null,
    events: new Set((number.attrs.statusCallbackEvent ?? '').split(/\s+/).filter(Boolean)),
    sequence: 0,
    startedAt: Date.now(),
    answeredAt: null,
  };
  handle.childSids.push(leg.sid);
  const script = hooks.script(to);
  await cloud.status(leg, 'initiated', 'initiated', Date.now());
  invite.signal('ringing', { callsid: parent.sid });
  await cloud.status(leg, 'ringing', 'ringing', Date.now());
  await new Promise((resolve) => setTimeout(resolve, script.ringMs));
  if (script.outcome !== 'answer') {
    await cloud.status(leg, 'completed', script.outcome, Date.now(), 0);
    const error =
      script.outcome === 'busy'
        ? { code: 31486, message: 'Busy Here' }
        : { code: 31480, message: 'Temporarily Unavailable' };
    invite.signal('hangup', { callsid: parent.sid, error });
    return endParent();
  }
  leg.answeredAt = Date.now();
  await cloud.status(leg, 'answered', 'in-progress', leg.answeredAt);
  invite.signal('answer', {
    callsid: parent.sid,
    sdp: await answerSdp(parent.sid, invite.sdp),
    reconnect: `reconnect-${parent.sid}`,
  });
  void cloud.frame('hangup', parent.sid).then(async () => {
    const end = script.talkSeconds !== undefined ? leg.answeredAt! + script.talkSeconds * 1000 : Date.now();
    const duration = Math.round((end - leg.answeredAt!) / 1000);
    await cloud.status(leg, 'completed', 'completed', end, duration);
    if (dial.attrs.record?.startsWith('record-from-answer')) {
      await cloud.recording(dial.attrs.recordingStatusCallback, { callSid: parent.sid }, duration, 'DialVerb');
    }
    await endParent();
  });
}
