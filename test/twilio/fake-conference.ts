import { rfc2822, type RestAnswer, type RestRequest } from './fake-cloud-account';
import { deferred, eventSet, newSid, type CalleeScript, type CloudCore, type Leg } from './fake-cloud-core';
import { childrenNamed, readTwiml, type TwimlNode } from './twiml-reader';

/**
 * Twilio Conferences in the fake cloud, as far as the CRM server's hold and transfer can
 * tell: legs join by `<Dial><Conference>` (the first one's statusCallback and record
 * attributes are the room's), and the REST API acts on participants (create one by
 * calling a number, update Hold with its HoldUrl fetched like Twilio does, update
 * EndConferenceOnExit, remove). The room reports start, join, leave and end to its
 * statusCallback, signed; when a participant with EndConferenceOnExit leaves (or the last
 * one does) the room ends, everyone else leaves, and a recorded room sends its recording.
 * Hold and transfer run on the real clock.
 */

interface Member {
  leg: Leg;
  label: string;
  hold: boolean;
  endOnExit: boolean;
  leave(how: 'removed' | 'ended'): void;
  departed: Promise<void>;
}

export interface Room {
  sid: string;
  name: string;
  callback: string | null;
  events: Set<string>;
  recording: { url: string; startedAt: number } | null;
  members: Map<string, Member>;
  /** Every CallSid that ever joined, in order. */
  joined: string[];
  sequence: number;
  ended: boolean;
}

export type LeftBy = 'gone' | 'removed' | 'ended';

const never = new Promise<never>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export class Conferences {
  readonly rooms: Room[] = [];
  /** The legs the REST API created (transfer targets), in order. */
  readonly dialed: Leg[] = [];

  constructor(
    private readonly core: CloudCore,
    private readonly callee: (number: string) => CalleeScript,
  ) {}

  /**
   * A leg runs `<Dial><Conference>`: it is in the room until it hangs up (`gone`), is
   * removed by REST, or the room ends. Says which.
   */
  async join(leg: Leg, dial: TwimlNode, gone: Promise<unknown>): Promise<LeftBy> {
    const noun = childrenNamed(dial, 'Conference')[0]!;
    const name = noun.text.trim();
    let room = this.rooms.find((candidate) => candidate.name === name && !candidate.ended);
    const fresh = !room;
    if (!room) {
      room = {
        sid: newSid('CF'),
        name,
        callback: noun.attrs.statusCallback ?? null,
        events: eventSet(noun.attrs.statusCallbackEvent),
        recording: null,
        members: new Map(),
        joined: [],
        sequence: 1,
        ended: false,
      };
      this.rooms.push(room);
    }
    if (!room.recording && noun.attrs.record === 'record-from-start' && noun.attrs.recordingStatusCallback) {
      room.recording = { url: noun.attrs.recordingStatusCallback, startedAt: Date.now() };
    }
    const options = { label: noun.attrs.participantLabel ?? '', endOnExit: noun.attrs.endConferenceOnExit === 'true' };
    return this.enter(room, leg, options, gone, fresh);
  }

  private async enter(
    room: Room,
    leg: Leg,
    options: { label: string; endOnExit: boolean },
    gone: Promise<unknown>,
    fresh: boolean,
  ): Promise<LeftBy> {
    const left = deferred<'removed' | 'ended'>();
    const departed = deferred();
    const member: Member = { leg, ...options, hold: false, leave: left.resolve, departed: departed.promise };
    room.members.set(leg.sid, member);
    room.joined.push(leg.sid);
    if (fresh) await this.event(room, 'start', 'conference-start');
    await this.event(room, 'join', 'participant-join', member);
    const how = await Promise.race([gone.then(() => 'gone' as const), left.promise]);
    room.members.delete(leg.sid);
    await this.event(room, 'leave', 'participant-leave', member);
    departed.resolve();
    if (!room.ended && (member.endOnExit || room.members.size === 0)) await this.end(room);
    return how;
  }

  private async end(room: Room) {
    room.ended = true;
    const others = [...room.members.values()];
    for (const member of others) member.leave('ended');
    await Promise.all(others.map((member) => member.departed));
    await this.event(room, 'end', 'conference-end');
    if (room.recording) {
      const seconds = Math.round((Date.now() - room.recording.startedAt) / 1000);
      await this.core.recording(room.recording.url, { conferenceSid: room.sid }, seconds, 'Conference');
    }
  }

  private async event(room: Room, event: string, name: string, member?: Member) {
    if (!room.callback || (room.events.size > 0 && !room.events.has(event))) return;
    await this.core.post(room.callback, {
      AccountSid: this.core.options.account.accountSid,
      ConferenceSid: room.sid,
      FriendlyName: room.name,
      StatusCallbackEvent: name,
      SequenceNumber: String(room.sequence++),
      Timestamp: rfc2822(Date.now()),
      ...(member
        ? {
            CallSid: member.leg.sid,
            ParticipantLabel: member.label,
            Hold: String(member.hold),
            EndConferenceOnExit: String(member.endOnExit),
            StartConferenceOnEnter: 'true',
            Muted: 'false',
            Coaching: 'false',
          }
        : {}),
    });
  }

  private participantJson(room: Room, member: Pick<Member, 'leg' | 'label' | 'hold' | 'endOnExit'>, status: string) {
    return {
      account_sid: this.core.options.account.accountSid,
      call_sid: member.leg.sid,
      conference_sid: room.sid,
      label: member.label,
      hold: member.hold,
      muted: false,
      end_conference_on_exit: member.endOnExit,
      start_conference_on_enter: true,
      status,
    };
  }

  /** `Conferences/{CF}/Participants[/{CA}].json`: create, update, remove. */
  rest(request: RestRequest): RestAnswer | null {
    const match =
      /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Conferences\/(CF[0-9a-f]{32})\/Participants(?:\/(CA[0-9a-f]{32}))?\.json$/.exec(
        request.path,
      );
    if (!match || match[1] !== this.core.options.account.accountSid) return null;
    const room = this.rooms.find((candidate) => candidate.sid === match[2] && !candidate.ended);
    if (!room) return { status: 404, body: { code: 20404, message: 'The conference is not in progress.' } };
    const { form } = request;
    if (!match[3]) return request.method === 'POST' ? this.create(room, form) : null;
    const member = room.members.get(match[3]);
    if (!member) return { status: 404, body: { code: 20404, message: 'No such participant.' } };
    if (request.method === 'DELETE') {
      member.leave('removed');
      return { status: 204 };
    }
    if (request.method !== 'POST') return null;
    const hold = single(form.Hold);
    const holdUrl = single(form.HoldUrl);
    if (hold !== undefined) member.hold = hold === 'true';
    if (member.hold && holdUrl) this.core.later(() => this.holdMusic(member, holdUrl));
    const endOnExit = single(form.EndConferenceOnExit);
    if (endOnExit !== undefined) member.endOnExit = endOnExit === 'true';
    return { status: 200, body: this.participantJson(room, member, 'connected') };
  }

  /** Twilio asks the HoldUrl what to play, then plays it to the held participant. */
  private async holdMusic(member: Member, url: string) {
    const { body } = await this.core.post(url, {
      AccountSid: this.core.options.account.accountSid,
      CallSid: member.leg.sid,
    });
    for (const play of childrenNamed(readTwiml(body), 'Play')) member.leg.heard?.push(`play:${play.text.trim()}`);
  }

  /** A participant created by REST: Twilio calls the number and brings it in when it answers. */
  private create(room: Room, form: RestRequest['form']): RestAnswer {
    const to = single(form.To) ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      return { status: 400, body: { code: 21211, message: 'The fake cloud calls numbers into a Conference only.' } };
    }
    const leg: Leg = {
      sid: newSid('CA'),
      parentSid: null,
      from: single(form.From) ?? '',
      to,
      direction: 'outbound-api',
      statusCallback: single(form.StatusCallback) ?? null,
      events: eventSet(form.StatusCallbackEvent),
      sequence: 0,
      startedAt: Date.now(),
      answeredAt: null,
    };
    this.dialed.push(leg);
    const options = { label: single(form.Label) ?? '', endOnExit: single(form.EndConferenceOnExit) === 'true' };
    const timeoutMs = Number(single(form.Timeout) ?? 30) * 1000;
    this.core.later(() => this.ringIn(room, leg, options, timeoutMs));
    return { status: 201, body: this.participantJson(room, { leg, ...options, hold: false }, 'queued') };
  }

  private async ringIn(room: Room, leg: Leg, options: { label: string; endOnExit: boolean }, timeoutMs: number) {
    const script = this.callee(leg.to);
    await this.core.status(leg, 'initiated', 'initiated', Date.now());
    await this.core.status(leg, 'ringing', 'ringing', Date.now());
    await sleep(Math.min(script.ringMs, timeoutMs));
    const outcome = script.ringMs > timeoutMs ? 'no-answer' : room.ended ? 'canceled' : script.outcome;
    if (outcome !== 'answer') return void (await this.core.status(leg, 'completed', outcome, Date.now(), 0));
    leg.answeredAt = Date.now();
    await this.core.status(leg, 'answered', 'in-progress', leg.answeredAt);
    // The callee hangs up after `talkSeconds`, if the script says; otherwise they stay until the room ends.
    const talk = script.outcome === 'answer' ? script.talkSeconds : undefined;
    await this.enter(room, leg, options, talk === undefined ? never : sleep(talk * 1000), false);
    const end = Date.now();
    await this.core.status(leg, 'completed', 'completed', end, Math.round((end - leg.answeredAt) / 1000));
  }
}
