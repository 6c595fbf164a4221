import { randomBytes } from 'node:crypto';
import { rfc2822, signedPost, type CloudAccount, type RecordingHost, type WebhookExchange } from './fake-cloud-account';
import type { FakeTwilio, OutboundInvite, WireFrame } from './fake-signaling';
import { childrenNamed, readTwiml, type TwimlNode } from './twiml-reader';

/**
 * A fake Twilio CLOUD for end-to-end tests: the telephone network on one side, the CRM
 * server's webhooks on the other, and the signaling gateway (FakeTwilio) to the agent's
 * Device in between. It does what Twilio does with a call, as far as our server and
 * desktop can tell:
 *
 * - a PSTN caller dials a company number: the signed voice request to the number's URL,
 *   then the returned TwiML run verb by verb (<Say>, <Play>, <Dial> with <Client> and its
 *   <Parameter>s or <Number>, timeout and action, <Record> with its callbacks, <Hangup>);
 * - the agent's Device places a call (an `invite` with To and CrmCallId): the signed
 *   request to the TwiML App's URL, then its <Dial callerId><Number>, to a callee that
 *   answers, is busy or does not answer, as the test scripted it;
 * - every leg's status callbacks (initiated, ringing, in-progress, the terminal one with
 *   CallDuration), each with its SequenceNumber and Timestamp, and recording callbacks.
 *
 * Time: a call can be told it began some seconds ago and how long the parties talked, so
 * a twelve-minute call takes a few seconds of the test and Twilio's times stay in the past.
 */

export interface CloudOptions {
  /** The CRM server's PUBLIC_URL: where the numbers' and the TwiML App's URLs point. */
  publicUrl: string;
  account: CloudAccount;
  signaling: FakeTwilio;
  recordings: RecordingHost;
}

export type CalleeScript =
  { outcome: 'answer'; ringMs: number; talkSeconds?: number } | { outcome: 'busy' | 'no-answer'; ringMs: number };

interface Leg {
  sid: string;
  parentSid: string | null;
  from: string;
  to: string;
  direction: 'inbound' | 'outbound-api' | 'outbound-dial';
  statusCallback: string | null;
  events: Set<string>;
  sequence: number;
  startedAt: number;
  answeredAt: number | null;
}

/** How one call ended on the customer's side, for the test to wait on and read. */
export interface CloudCall {
  parentSid: string;
  /** Child legs by CallSid, as the <Dial> made them. */
  childSids: string[];
  /** What the caller heard (<Say> text, <Play> URLs), in order. */
  heard: string[];
  /** The <Dial> attributes and dialed targets the TwiML asked for. */
  dials: {
    attrs: Record<string, string>;
    targets: { kind: string; value: string; params: Record<string, string> }[];
  }[];
  /** Resolves when the parent leg is completed and every callback has been answered. */
  done: Promise<void>;
  /** The caller hangs up (inbound), having talked `talkSeconds` since the answer. */
  hangup(options?: { talkSeconds?: number }): void;
}

const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

function newCall(parentSid: string, hangup: CloudCall['hangup']): CloudCall {
  return { parentSid, childSids: [], heard: [], dials: [], done: Promise.resolve(), hangup };
}

export class FakeTwilioCloud {
  /** Every webhook request made, with the server's answer. */
  readonly exchanges: WebhookExchange[] = [];
  private callees = new Map<string, CalleeScript>();
  private calls: CloudCall[] = [];

  constructor(private readonly options: CloudOptions) {
    options.signaling.outbound = (invite) => this.onOutbound(invite);
  }

  /** How a number the agent dials behaves. Unscripted numbers answer after 300 ms. */
  callee(number: string, script: CalleeScript): void {
    this.callees.set(number, script);
  }

  private url(path: string) {
    return this.options.publicUrl.replace(/\/+$/, '') + path;
  }

  private async post(url: string, params: Record<string, string>): Promise<WebhookExchange> {
    const exchange = await signedPost(this.options.account, url, params);
    this.exchanges.push(exchange);
    if (exchange.status >= 300) throw new Error(`fake cloud: ${url} answered ${exchange.status}: ${exchange.body}`);
    return exchange;
  }

  /** A status callback of `leg`, if its URL asked for this event. */
  private async status(leg: Leg, event: string, status: string, at: number, duration?: number) {
    if (!leg.statusCallback || (leg.events.size > 0 && !leg.events.has(event))) return;
    await this.post(leg.statusCallback, {
      AccountSid: this.options.account.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: leg.sid,
      ...(leg.parentSid ? { ParentCallSid: leg.parentSid } : {}),
      CallStatus: status,
      Direction: leg.direction,
      From: leg.from,
      To: leg.to,
      SequenceNumber: String(leg.sequence++),
      Timestamp: rfc2822(at),
      CallbackSource: 'call-progress-events',
      ...(duration !== undefined ? { CallDuration: String(duration) } : {}),
    });
  }

  private async recording(url: string | undefined, callSid: string, seconds: number, source: string) {
    if (!url) return;
    const recordingSid = newSid('RE');
    await this.post(url, {
      AccountSid: this.options.account.accountSid,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingUrl: this.options.recordings.mediaUrl(recordingSid),
      RecordingStatus: 'completed',
      RecordingDuration: String(seconds),
      RecordingChannels: source === 'DialVerb' ? '2' : '1',
      RecordingSource: source,
    });
  }

  private frame(type: string, callSid: string): Promise<WireFrame> {
    return new Promise((resolve) => {
      const off = this.options.signaling.observe((frame) => {
        if (frame.type === type && frame.payload.callsid === callSid) {
          off();
          resolve(frame);
        }
      });
    });
  }

  /** A PSTN caller dials one of the company's numbers. */
  async incoming(call: { from: string; to: string; startedAgoSeconds?: number }): Promise<CloudCall> {
    const offset = -(call.startedAgoSeconds ?? 0) * 1000;
    const clock = () => Date.now() + offset;
    const parent: Leg = {
      sid: newSid('CA'),
      parentSid: null,
      from: call.from,
      to: call.to,
      direction: 'inbound',
      // The number's "call status changes" URL: Twilio reports the caller's leg ending there.
      statusCallback: this.url('/twilio/voice/status'),
      events: new Set(['completed']),
      sequence: 0,
      startedAt: clock(),
      answeredAt: null,
    };
    const hungUp = deferred<{ talkSeconds?: number }>();
    const handle = newCall(parent.sid, (options = {}) => hungUp.resolve(options));
    const voiceRequest = {
      AccountSid: this.options.account.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: parent.sid,
      From: call.from,
      Caller: call.from,
      To: call.to,
      Called: call.to,
      CallStatus: 'ringing',
      Direction: 'inbound',
    };
    const first = await this.post(this.url('/twilio/voice/incoming'), voiceRequest);
    handle.done = (async () => {
      let twiml: string | null = first.body;
      let callerGone = false;
      while (twiml && !callerGone) {
        const next = await this.run(readTwiml(twiml), handle, parent, clock, hungUp.promise, voiceRequest);
        twiml = next.twiml;
        callerGone = next.callerGone;
      }
      const end = clock();
      await this.status(parent, 'completed', 'completed', end, Math.round((end - parent.startedAt) / 1000));
    })();
    this.calls.push(handle);
    return handle;
  }

  /**
   * Runs one TwiML document. Returns the next document to run (a <Dial> or <Record>
   * action's answer), or null when the call is over.
   */
  private async run(
    response: TwimlNode,
    call: CloudCall,
    parent: Leg,
    clock: () => number,
    callerHangsUp: Promise<{ talkSeconds?: number }>,
    request: Record<string, string>,
  ): Promise<{ twiml: string | null; callerGone: boolean }> {
    for (const verb of response.children) {
      switch (verb.name) {
        case 'Say':
          call.heard.push(verb.text.trim());
          break;
        case 'Play':
          call.heard.push(`play:${verb.text.trim()}`);
          break;
        case 'Hangup':
          return { twiml: null, callerGone: false };
        case 'Record': {
          // The caller speaks for a few seconds, then hangs up.
          const seconds = 7;
          await this.recording(verb.attrs.recordingStatusCallback, parent.sid, seconds, 'RecordVerb');
          if (!verb.attrs.action) return { twiml: null, callerGone: true };
          const action = await this.post(verb.attrs.action, {
            ...request,
            CallStatus: 'completed',
            RecordingDuration: String(seconds),
            Digits: 'hangup',
          });
          return { twiml: action.body, callerGone: true };
        }
        case 'Dial': {
          const result = await this.dialClients(verb, call, parent, clock, callerHangsUp);
          if (!verb.attrs.action) {
            if (result.callerGone) return { twiml: null, callerGone: true };
            break;
          }
          const action = await this.post(verb.attrs.action, {
            ...request,
            CallStatus: result.callerGone ? 'completed' : 'in-progress',
            DialCallStatus: result.status,
            ...(result.childSid ? { DialCallSid: result.childSid } : {}),
            DialCallDuration: String(result.duration),
          });
          // After the caller hung up, Twilio still asks the action URL but runs nothing more.
          return { twiml: result.callerGone ? null : action.body, callerGone: result.callerGone };
        }
        default:
          throw new Error(`fake cloud: the server answered with a verb it does not know: <${verb.name}>`);
      }
    }
    return { twiml: null, callerGone: false };
  }

  /** <Dial><Client>…: rings the registered agent's Device, waits for answer, reject or the timeout. */
  private async dialClients(
    dial: TwimlNode,
    call: CloudCall,
    parent: Leg,
    clock: () => number,
    callerHangsUp: Promise<{ talkSeconds?: number }>,
  ): Promise<{ status: string; childSid: string | null; duration: number; callerGone: boolean }> {
    const { signaling, account } = this.options;
    const timeoutMs = Number(dial.attrs.timeout ?? 30) * 1000;
    const targets = childrenNamed(dial, 'Client').map((client) => ({
      kind: 'client',
      value: (childrenNamed(client, 'Identity')[0]?.text ?? client.text).trim(),
      params: Object.fromEntries(childrenNamed(client, 'Parameter').map((p) => [p.attrs.name!, p.attrs.value ?? ''])),
      attrs: client.attrs,
    }));
    if (childrenNamed(dial, 'Number').length > 0) throw new Error('fake cloud: <Dial><Number> on an inbound call');
    call.dials.push({
      attrs: dial.attrs,
      targets: targets.map(({ kind, value, params }) => ({ kind, value, params })),
    });
    const legs = targets.map((target) => {
      const leg: Leg = {
        sid: newSid('CA'),
        parentSid: parent.sid,
        from: parent.from,
        to: `client:${target.value}`,
        direction: 'outbound-dial' as const,
        statusCallback: target.attrs.statusCallback ?? null,
        events: new Set((target.attrs.statusCallbackEvent ?? '').split(/\s+/).filter(Boolean)),
        sequence: 0,
        startedAt: clock(),
        answeredAt: null,
      };
      return { target, leg };
    });
    call.childSids.push(...legs.map(({ leg }) => leg.sid));
    for (const { leg } of legs) {
      await this.status(leg, 'initiated', 'initiated', clock());
      await this.status(leg, 'ringing', 'ringing', clock());
    }
    // Only a Device registered with that identity can ring; the others never answer.
    const reachable = legs.find(({ target }) => signaling.registeredIdentity() === target.value);
    const unreachable = legs.filter((entry) => entry !== reachable);
    let outcome: 'answer' | 'reject' | 'timeout' | 'caller-gone' = 'timeout';
    if (reachable) {
      const answered = this.frame('answer', reachable.leg.sid).then(() => 'answer' as const);
      const rejected = this.frame('reject', reachable.leg.sid).then(() => 'reject' as const);
      const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
      const gone = callerHangsUp.then(() => 'caller-gone' as const);
      await signaling.ring({
        from: parent.from,
        to: reachable.leg.to,
        callSid: reachable.leg.sid,
        accountSid: account.accountSid,
        customParameters: reachable.target.params,
      });
      outcome = await Promise.race([answered, rejected, timedOut, gone]);
    } else {
      outcome = await Promise.race([
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
        callerHangsUp.then(() => 'caller-gone' as const),
      ]);
    }
    const endOthers = async (status: string) => {
      for (const { leg } of unreachable) await this.status(leg, 'completed', status, clock(), 0);
    };
    if (outcome !== 'answer') {
      if (reachable && outcome !== 'reject') signaling.cancel(reachable.leg.sid);
      const status = outcome === 'reject' ? 'busy' : outcome === 'caller-gone' ? 'canceled' : 'no-answer';
      if (reachable) await this.status(reachable.leg, 'completed', status, clock(), 0);
      await endOthers(outcome === 'caller-gone' ? 'canceled' : 'no-answer');
      return { status, childSid: null, duration: 0, callerGone: outcome === 'caller-gone' };
    }
    const leg = reachable!.leg;
    const answeredAt = clock();
    leg.answeredAt = answeredAt;
    parent.answeredAt = answeredAt;
    await this.status(leg, 'answered', 'in-progress', answeredAt);
    await endOthers('canceled');
    // Connected until the caller or the agent hangs up.
    const agentHangsUp = this.frame('hangup', leg.sid).then(() => ({ by: 'agent' as const, talkSeconds: undefined }));
    const ended = await Promise.race([
      agentHangsUp,
      callerHangsUp.then((options) => ({ by: 'caller' as const, talkSeconds: options.talkSeconds })),
    ]);
    if (ended.by === 'caller') await signaling.hangup(leg.sid);
    const endAt = ended.talkSeconds !== undefined ? answeredAt + ended.talkSeconds * 1000 : clock();
    const duration = Math.round((endAt - answeredAt) / 1000);
    await this.status(leg, 'completed', 'completed', endAt, duration);
    if (dial.attrs.record?.startsWith('record-from-answer')) {
      await this.recording(dial.attrs.recordingStatusCallback, parent.sid, duration, 'DialVerb');
    }
    return { status: 'completed', childSid: leg.sid, duration, callerGone: ended.by === 'caller' };
  }

  /** The agent's Device places a call: the TwiML App's request, then the <Dial> to the callee. */
  private async onOutbound(invite: OutboundInvite): Promise<void> {
    const { account } = this.options;
    const parent: Leg = {
      sid: newSid('CA'),
      parentSid: null,
      from: `client:${invite.identity}`,
      to: invite.params.get('To') ?? '',
      direction: 'inbound',
      // The TwiML App's status callback URL.
      statusCallback: this.url('/twilio/voice/status'),
      events: new Set(['completed']),
      sequence: 0,
      startedAt: Date.now(),
      answeredAt: null,
    };
    // The agent's own call: only the agent (or the callee's script) ends it.
    const handle = newCall(parent.sid, () => undefined);
    this.calls.push(handle);
    const finished = deferred();
    handle.done = finished.promise;
    const params = Object.fromEntries(invite.params);
    const request = await this.post(this.url('/twilio/voice/outgoing'), {
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
      await this.status(parent, 'completed', 'completed', end, Math.round((end - parent.startedAt) / 1000));
      finished.resolve();
    };
    if (!dial || !number) {
      // Refused (<Say> why, <Hangup>): the agent hears it on an answered call that then ends.
      handle.heard.push(...childrenNamed(response, 'Say').map((say) => say.text.trim()));
      invite.signal('answer', { callsid: parent.sid, sdp: await this.answerSdp(parent.sid, invite.sdp) });
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
    const script = this.callees.get(to) ?? { outcome: 'answer', ringMs: 300 };
    await this.status(leg, 'initiated', 'initiated', Date.now());
    invite.signal('ringing', { callsid: parent.sid });
    await this.status(leg, 'ringing', 'ringing', Date.now());
    await new Promise((resolve) => setTimeout(resolve, script.ringMs));
    if (script.outcome !== 'answer') {
      await this.status(leg, 'completed', script.outcome, Date.now(), 0);
      const error =
        script.outcome === 'busy'
          ? { code: 31486, message: 'Busy Here' }
          : { code: 31480, message: 'Temporarily Unavailable' };
      invite.signal('hangup', { callsid: parent.sid, error });
      return endParent();
    }
    leg.answeredAt = Date.now();
    await this.status(leg, 'answered', 'in-progress', leg.answeredAt);
    invite.signal('answer', {
      callsid: parent.sid,
      sdp: await this.answerSdp(parent.sid, invite.sdp),
      reconnect: `reconnect-${parent.sid}`,
    });
    void this.frame('hangup', parent.sid).then(async () => {
      const end = script.talkSeconds !== undefined ? leg.answeredAt! + script.talkSeconds * 1000 : Date.now();
      const duration = Math.round((end - leg.answeredAt!) / 1000);
      await this.status(leg, 'completed', 'completed', end, duration);
      if (dial.attrs.record?.startsWith('record-from-answer')) {
        await this.recording(dial.attrs.recordingStatusCallback, parent.sid, duration, 'DialVerb');
      }
      await endParent();
    });
  }

  private answerSdp(callSid: string, offer: string): Promise<string> {
    return this.options.signaling.answerOffer(callSid, offer);
  }

  /** The calls so far, oldest first. */
  all(): readonly CloudCall[] {
    return this.calls;
  }
}
