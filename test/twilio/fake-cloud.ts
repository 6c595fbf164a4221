import type { RestAnswer, RestRequest } from './fake-cloud-account';
import {
  CloudCore,
  deferred,
  newCall,
  newSid,
  type CalleeScript,
  type CloudCall,
  type CloudOptions,
  type Leg,
} from './fake-cloud-core';
import { placeOutbound } from './fake-cloud-outbound';
import { Conferences } from './fake-conference';
import { childrenNamed, readTwiml, type TwimlNode } from './twiml-reader';

export type { CalleeScript, CloudCall, CloudOptions } from './fake-cloud-core';

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

export class FakeTwilioCloud extends CloudCore {
  private callees = new Map<string, CalleeScript>();
  private calls: CloudCall[] = [];
  /** The Conferences the server's hold and transfer moved calls into. */
  readonly conferences: Conferences;

  constructor(options: CloudOptions) {
    super(options);
    options.signaling.outbound = (invite) =>
      placeOutbound(this, invite, {
        script: (number) => this.scriptOf(number),
        register: (call) => this.calls.push(call),
      });
    this.conferences = new Conferences(this, (number) => this.scriptOf(number));
    options.recordings.api = (request) => this.rest(request);
  }

  /** How a number the agent dials (or a transfer rings) behaves. Unscripted numbers answer after 300 ms. */
  callee(number: string, script: CalleeScript): void {
    this.callees.set(number, script);
  }

  private scriptOf(number: string): CalleeScript {
    return this.callees.get(number) ?? { outcome: 'answer', ringMs: 300 };
  }

  /** The REST API beyond recordings: a live call's update with new TwiML, then the Conferences'. */
  private rest(request: RestRequest): RestAnswer | null {
    const call = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(request.path);
    if (!call) return this.conferences.rest(request);
    if (request.method !== 'POST' || call[1] !== this.options.account.accountSid) return null;
    const live = this.live.get(call[2]!);
    if (!live) return { status: 400, body: { code: 21220, message: 'Call is not in-progress. Cannot redirect.' } };
    if (typeof request.form.Twiml !== 'string') return { status: 400, body: { code: 21205, message: 'Twiml needed.' } };
    live.redirect(request.form.Twiml);
    return { status: 200, body: { sid: call[2], account_sid: call[1], status: 'in-progress' } };
  }

  /**
   * The agent's <Client> leg after a REST redirect took it out of the <Dial>: it runs its
   * new TwiML (into the Conference, or <Hangup/>), and when that is over the Device is
   * told the call ended, unless the agent hung up first.
   */
  private async afterRedirect(leg: Leg, twiml: string): Promise<void> {
    const deviceHangsUp = this.frame('hangup', leg.sid);
    let byDevice = false;
    for (const verb of readTwiml(twiml).children) {
      if (verb.name === 'Hangup') break;
      if (verb.name !== 'Dial' || childrenNamed(verb, 'Conference').length === 0) {
        throw new Error(`fake cloud: a redirected agent leg got <${verb.name}>`);
      }
      if ((await this.conferences.join(leg, verb, deviceHangsUp)) === 'gone') {
        byDevice = true;
        break;
      }
    }
    if (!byDevice) await this.options.signaling.hangup(leg.sid);
    const end = Date.now();
    await this.status(leg, 'completed', 'completed', end, Math.round((end - (leg.answeredAt ?? end)) / 1000));
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
    parent.heard = handle.heard;
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
          const recordingSid = await this.recording(
            verb.attrs.recordingStatusCallback,
            { callSid: parent.sid },
            seconds,
            'RecordVerb',
          );
          // Asked for a transcript: Twilio posts it a while after the recording, on its own.
          if (verb.attrs.transcribe === 'true' && verb.attrs.transcribeCallback) {
            const url = verb.attrs.transcribeCallback;
            this.later(() => this.transcription(url, parent.sid, recordingSid, seconds));
          }
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
          if (childrenNamed(verb, 'Conference').length > 0) {
            // Moved into the call's Conference: there until the caller hangs up or it ends.
            if ((await this.conferences.join(parent, verb, callerHangsUp)) === 'gone') {
              return { twiml: null, callerGone: true };
            }
            break;
          }
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
    // Connected until the caller or the agent hangs up, or the server gives the agent's leg new TwiML.
    const agentHangsUp = this.frame('hangup', leg.sid).then(() => ({ by: 'agent' as const, talkSeconds: undefined }));
    const redirected = deferred<string>();
    this.live.set(leg.sid, { leg, redirect: redirected.resolve });
    const ended = await Promise.race([
      agentHangsUp,
      callerHangsUp.then((options) => ({ by: 'caller' as const, talkSeconds: options.talkSeconds })),
      redirected.promise.then((twiml) => ({ by: 'redirect' as const, talkSeconds: undefined, twiml })),
    ]);
    this.live.delete(leg.sid);
    if (ended.by === 'redirect') {
      // The <Dial> (and its recording) ends; the agent's leg lives on with its new TwiML.
      const duration = Math.round((clock() - answeredAt) / 1000);
      if (dial.attrs.record?.startsWith('record-from-answer')) {
        await this.recording(dial.attrs.recordingStatusCallback, { callSid: parent.sid }, duration, 'DialVerb');
      }
      this.later(() => this.afterRedirect(leg, ended.twiml));
      return { status: 'completed', childSid: leg.sid, duration, callerGone: false };
    }
    if (ended.by === 'caller') await signaling.hangup(leg.sid);
    const endAt = ended.talkSeconds !== undefined ? answeredAt + ended.talkSeconds * 1000 : clock();
    const duration = Math.round((endAt - answeredAt) / 1000);
    await this.status(leg, 'completed', 'completed', endAt, duration);
    if (dial.attrs.record?.startsWith('record-from-answer')) {
      await this.recording(dial.attrs.recordingStatusCallback, { callSid: parent.sid }, duration, 'DialVerb');
    }
    return { status: 'completed', childSid: leg.sid, duration, callerGone: ended.by === 'caller' };
  }

  /** The calls so far, oldest first. */
  all(): readonly CloudCall[] {
    return this.calls;
  }
}
