import { randomBytes } from 'node:crypto';
import { rfc2822, signedPost, type CloudAccount, type RecordingHost, type WebhookExchange } from './fake-cloud-account';
import type { FakeTwilio, WireFrame } from './fake-signaling';

/**
 * What every part of the fake Twilio cloud shares (fake-cloud.ts runs the calls,
 * fake-conference.ts the Conferences): the signed webhooks to the CRM server, a leg's
 * status and recording callbacks, and the legs still alive that the REST API can reach.
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

export interface Leg {
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
  /** What this leg's party heard (the customer's: <Say> text, `play:` URLs), when someone reads it. */
  heard?: string[];
}

/** A live leg the REST API can give new TwiML (Calls/{CallSid} update with Twiml). */
export interface LiveLeg {
  leg: Leg;
  redirect(twiml: string): void;
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

export function newCall(parentSid: string, hangup: CloudCall['hangup']): CloudCall {
  return { parentSid, childSids: [], heard: [], dials: [], done: Promise.resolve(), hangup };
}

export const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

/** The `statusCallbackEvent` attribute (space-separated) or form field (repeated) as a set. */
export const eventSet = (events: string | string[] | undefined) =>
  new Set((Array.isArray(events) ? events : (events ?? '').split(/\s+/)).filter(Boolean));

export class CloudCore {
  /** Every webhook request made, with the server's answer. */
  readonly exchanges: WebhookExchange[] = [];
  /** What went wrong in work the fake did in the background (a REST request's effects): must stay empty. */
  readonly failures: string[] = [];
  /** Legs in progress by CallSid: what a REST `Calls/{CallSid}` update can redirect. */
  readonly live = new Map<string, LiveLeg>();
  private background: Promise<void>[] = [];

  constructor(readonly options: CloudOptions) {}

  url(path: string) {
    return this.options.publicUrl.replace(/\/+$/, '') + path;
  }

  async post(url: string, params: Record<string, string>): Promise<WebhookExchange> {
    const exchange = await signedPost(this.options.account, url, params);
    this.exchanges.push(exchange);
    if (exchange.status >= 300) throw new Error(`fake cloud: ${url} answered ${exchange.status}: ${exchange.body}`);
    return exchange;
  }

  /**
   * Work a REST request sets off: Twilio answers the request at once and acts after,
   * so the server's request never waits on the webhooks it causes (nor deadlocks on them).
   */
  later(work: () => Promise<void>): void {
    const running = work().catch((error: unknown) => {
      this.failures.push(error instanceof Error ? error.message : String(error));
    });
    this.background.push(running);
  }

  /** Resolves when everything set off in the background has finished. */
  async settled(): Promise<void> {
    while (this.background.length > 0) {
      const batch = this.background;
      this.background = [];
      await Promise.all(batch);
    }
  }

  /** A status callback of `leg`, if its URL asked for this event. */
  async status(leg: Leg, event: string, status: string, at: number, duration?: number) {
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

  /** A finished recording's callback: a call's (CallSid) or a Conference's (ConferenceSid, no CallSid). */
  async recording(
    url: string | undefined,
    owner: { callSid: string } | { conferenceSid: string },
    seconds: number,
    source: 'DialVerb' | 'RecordVerb' | 'Conference',
  ) {
    const recordingSid = newSid('RE');
    if (!url) return recordingSid;
    await this.post(url, {
      AccountSid: this.options.account.accountSid,
      ...('callSid' in owner ? { CallSid: owner.callSid } : { ConferenceSid: owner.conferenceSid }),
      RecordingSid: recordingSid,
      RecordingUrl: this.options.recordings.mediaUrl(recordingSid),
      RecordingStatus: 'completed',
      RecordingDuration: String(seconds),
      RecordingChannels: source === 'DialVerb' ? '2' : '1',
      RecordingSource: source,
    });
    return recordingSid;
  }

  /** What every caller says into a voicemail, as the fake's transcription engine hears it. */
  static readonly voicemailWords = 'Hi, this is about my furnace. Please call me back this afternoon.';

  /** The transcription callback of a <Record transcribe="true">, shaped as Twilio's. */
  async transcription(url: string, callSid: string, recordingSid: string, seconds: number) {
    await this.post(url, {
      AccountSid: this.options.account.accountSid,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingUrl: this.options.recordings.mediaUrl(recordingSid),
      TranscriptionSid: newSid('TR'),
      TranscriptionStatus: seconds <= 120 ? 'completed' : 'failed',
      TranscriptionText: seconds <= 120 ? CloudCore.voicemailWords : '',
      TranscriptionType: 'fast',
      TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.options.account.accountSid}/Transcriptions`,
    });
  }

  /** The next signaling frame of `type` for `callSid` (answer, reject, hangup from the Device). */
  frame(type: string, callSid: string): Promise<WireFrame> {
    return new Promise((resolve) => {
      const off = this.options.signaling.observe((frame) => {
        if (frame.type === type && frame.payload.callsid === callSid) {
          off();
          resolve(frame);
        }
      });
    });
  }
}
