/**
 * A fake Twilio for tests: the signaling gateway the Voice SDK talks to
 * (`wss://<chunderw>/signal`, JSON frames `{type, version: '1.6', payload}`), written
 * from the SDK's own source (lib/twilio/pstream.ts and device.ts). The media side of
 * each call is a MediaSide (a second RTCPeerConnection in another page), so audio
 * really flows.
 *
 * It is transport-free: a test hands it each socket the SDK opens (Playwright's
 * routeWebSocket in the e2e tests), so no TLS certificate or port is needed.
 */

export interface SignalingSocket {
  send(text: string): void;
  close(): void;
}

export interface MediaSide {
  makeOffer(callSid: string): Promise<string>;
  applyAnswer(callSid: string, sdp: string): Promise<void>;
  answerOffer(callSid: string, sdp: string): Promise<string>;
  stats(callSid: string): Promise<{ ice: string; bytesReceivedFromAgent: number; bytesSentToAgent: number }>;
  close(callSid: string): Promise<void>;
}

export interface WireFrame {
  at: number;
  socket: number;
  type: string;
  payload: Record<string, unknown>;
}

/** How the fake answers an outgoing call to a number. */
export type OutboundScript =
  { outcome: 'answer'; ringMs: number } | { outcome: 'busy' | 'unavailable' | 'declined'; ringMs: number };

const outcomeErrors = {
  busy: { code: 31486, message: 'Busy Here' },
  unavailable: { code: 31480, message: 'Temporarily Unavailable' },
  declined: { code: 31603, message: 'Decline' },
} as const;

/**
 * Chromium always offers telephone-event; without it in the negotiated SDP the SDK sends
 * DTMF as a signaling `dtmf` frame, which this fake can see (in-band RTP DTMF it cannot).
 */
export function withoutTelephoneEvent(sdp: string): string {
  const lines = sdp.split('\r\n');
  const payloads = new Set(
    lines.flatMap((line) => {
      const match = /^a=rtpmap:(\d+) telephone-event\//.exec(line);
      return match ? [match[1]!] : [];
    }),
  );
  return lines
    .filter(
      (line) => !/^a=(rtpmap|fmtp|rtcp-fb):(\d+)/.test(line) || !payloads.has(/^a=\w+[-\w]*:(\d+)/.exec(line)![1]!),
    )
    .map((line) =>
      line.startsWith('m=audio')
        ? line
            .split(' ')
            .filter((part, index) => index < 3 || !payloads.has(part))
            .join(' ')
        : line,
    )
    .join('\r\n');
}

function decodeJwt(token: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * An outgoing call as the SDK's `invite` frame asks for it. When a handler is set (the
 * fake cloud: test/twilio/fake-cloud.ts), it decides what happens instead of the scripts.
 */
export interface OutboundInvite {
  /** The SDK's temporary id; the replies name the call by the CallSid the handler picks. */
  callsid: string;
  params: URLSearchParams;
  sdp: string;
  /** The identity of the Device that placed it (from its access token). */
  identity: string;
  signal(type: string, payload: Record<string, unknown>): void;
}

export interface FakeTwilioOptions {
  identity?: string;
  /** Checks a presented access token; a returned sentence refuses it (error 20101). */
  verifyToken?: (token: string) => string | null;
}

export class FakeTwilio {
  readonly wire: WireFrame[] = [];
  /** Tokens refused by `verifyToken`, with the reason. */
  readonly refusedTokens: { token: string; reason: string }[] = [];
  /** When set, outgoing calls go to it (the fake cloud) instead of the number scripts. */
  outbound: ((invite: OutboundInvite) => Promise<void>) | null = null;
  private identities = new Map<SignalingSocket, string>();
  private frameListeners = new Set<(frame: WireFrame) => void>();
  /** Tokens presented in `listen` frames, in order. */
  readonly tokens: string[] = [];
  private sockets: SignalingSocket[] = [];
  /**
   * Open sockets in the order they registered, latest last. Twilio rings every
   * registration of an identity; this fake rings the latest, which is the agent's
   * Device: a pre-call test's Device registers too, but only for its few seconds.
   */
  private registrations: SignalingSocket[] = [];
  private lastSocket: SignalingSocket | null = null;
  /** How long a pre-call test call (an invite with no `To`) stays up before the fake hangs up. */
  preflightMs = 3_000;
  private nextSid = 1;
  private scripts = new Map<string, OutboundScript>();
  /** While set, re-attach invites wait for it: a test sees the "reconnecting" state however fast the SDK is. */
  private reconnectGate: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout;
  /** When set, `register` frames get no answer: a registration that hangs. */
  stallRegistration = false;

  constructor(
    private readonly media: MediaSide,
    private readonly options: FakeTwilioOptions = {},
  ) {
    // The SDK reconnects after 15 s without a frame (wstransport.ts): a bare newline counts.
    this.heartbeat = setInterval(() => {
      for (const socket of new Set([...this.registrations, ...(this.lastSocket ? [this.lastSocket] : [])])) {
        socket.send('\n');
      }
    }, 5_000);
  }

  /** The agent's Device: the latest registration still open, else the latest socket. */
  private get current(): SignalingSocket | null {
    return this.registrations.at(-1) ?? this.lastSocket;
  }

  private unregister(socket: SignalingSocket): void {
    this.registrations = this.registrations.filter((s) => s !== socket);
  }

  /** A new socket from the SDK (one per Device connection). */
  accept(socket: SignalingSocket): { receive(text: string): void; closed(): void } {
    const index = this.sockets.push(socket);
    this.lastSocket = socket;
    return {
      receive: (text) => void this.onFrame(index, socket, text),
      closed: () => {
        this.unregister(socket);
        if (this.lastSocket === socket) this.lastSocket = null;
      },
    };
  }

  private send(type: string, payload: Record<string, unknown> = {}, socket = this.current): void {
    socket?.send(JSON.stringify({ type, version: '1.6', payload }));
  }

  private async onFrame(index: number, socket: SignalingSocket, text: string): Promise<void> {
    if (text === '\n' || text.trim() === '') return;
    const frame = JSON.parse(text) as { type: string; payload?: Record<string, unknown> };
    const payload = frame.payload ?? {};
    const wired = { at: Date.now(), socket: index, type: frame.type, payload };
    this.wire.push(wired);
    for (const listener of [...this.frameListeners]) listener(wired);
    switch (frame.type) {
      case 'listen': {
        const token = String(payload.token ?? '');
        this.tokens.push(token);
        const refusal = this.options.verifyToken?.(token) ?? null;
        if (refusal) {
          this.refusedTokens.push({ token, reason: refusal });
          this.send('error', { error: { code: 20101, message: `Invalid Access Token: ${refusal}` } }, socket);
          return;
        }
        const claims = decodeJwt(token);
        const grants = claims?.grants as { identity?: string } | undefined;
        const exp = typeof claims?.exp === 'number' ? claims.exp : 0;
        if (exp * 1000 <= Date.now()) {
          this.send('error', { error: { code: 31205, message: 'JWT Token Expired' } }, socket);
          return;
        }
        const identity = grants?.identity ?? this.options.identity ?? 'agent';
        this.identities.set(socket, identity);
        this.send(
          'connected',
          {
            region: 'us1',
            edge: 'ashburn',
            home: 'us1',
            token: { identity, ttl: Math.round(exp - Date.now() / 1000) },
          },
          socket,
        );
        return;
      }
      case 'register': {
        if (this.stallRegistration) return;
        const audio = Boolean((payload.media as { audio?: boolean } | undefined)?.audio);
        this.unregister(socket);
        if (audio) this.registrations.push(socket);
        this.send(audio ? 'ready' : 'offline', {}, socket);
        return;
      }
      case 'answer':
        await this.media.applyAnswer(String(payload.callsid), String(payload.sdp));
        return;
      case 'invite':
        await this.onInvite(socket, payload);
        return;
      case 'hangup':
      case 'reject':
        await this.media.close(String(payload.callsid));
        return;
    }
  }

  private async onInvite(socket: SignalingSocket, payload: Record<string, unknown>): Promise<void> {
    const callsid = String(payload.callsid);
    if (payload.reconnect) {
      // The SDK re-attaches a call after a signaling drop; the media session is unchanged.
      if (this.reconnectGate) await this.reconnectGate;
      this.send('answer', { callsid, reconnect: payload.reconnect }, socket);
      return;
    }
    const params = new URLSearchParams(String((payload.twilio as { params?: string } | undefined)?.params ?? ''));
    if (!params.has('To')) {
      await this.answerPreflight(socket, callsid, String(payload.sdp));
      return;
    }
    if (this.outbound) {
      await this.outbound({
        callsid,
        params,
        sdp: String(payload.sdp),
        identity: this.identities.get(socket) ?? '',
        signal: (type, reply) => this.send(type, reply, socket),
      });
      return;
    }
    const to = params.get('To') ?? '';
    const script = this.scripts.get(to) ?? { outcome: 'answer', ringMs: 300 };
    const sid = `CA_out_${String(this.nextSid++).padStart(4, '0')}`;
    this.send('ringing', { callsid: sid }, socket);
    await new Promise((resolve) => setTimeout(resolve, script.ringMs));
    if (script.outcome !== 'answer') {
      this.send('hangup', { callsid: sid, error: outcomeErrors[script.outcome] }, socket);
      return;
    }
    const sdp = withoutTelephoneEvent(await this.media.answerOffer(sid, String(payload.sdp)));
    this.send('answer', { callsid: sid, sdp, reconnect: `reconnect-${sid}` }, socket);
  }

  /**
   * A pre-call test (Device.runPreflight) dials with no parameters: Twilio connects it to
   * a test endpoint and hangs up after a while; so does this fake, with real media
   * meanwhile so the SDK has samples (round trip, jitter, MOS) to report.
   */
  private async answerPreflight(socket: SignalingSocket, tempSid: string, offer: string): Promise<void> {
    const sid = `CA_preflight_${String(this.nextSid++).padStart(4, '0')}`;
    this.preflights.push({ callSid: sid, tempSid });
    this.send('ringing', { callsid: sid }, socket);
    const sdp = withoutTelephoneEvent(await this.media.answerOffer(sid, offer));
    this.send('answer', { callsid: sid, sdp }, socket);
    setTimeout(() => {
      this.send('hangup', { callsid: sid }, socket);
      void this.media.close(sid);
    }, this.preflightMs);
  }

  /** The pre-call test calls it answered. */
  readonly preflights: { callSid: string; tempSid: string }[] = [];

  registered(): boolean {
    return this.registrations.length > 0;
  }

  /** The client identity registered for incoming calls now (from its access token), or null. */
  registeredIdentity(): string | null {
    return this.registered() ? (this.identities.get(this.current!) ?? null) : null;
  }

  /** Every frame the SDK sends from now on; returns the unsubscribe. */
  observe(listener: (frame: WireFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Calls to `number` end this way from now on. */
  script(number: string, script: OutboundScript): void {
    this.scripts.set(number, script);
  }

  /** Twilio rings the agent: an `invite` with a real SDP offer and the call's parameters. */
  async ring(call: {
    from: string;
    to?: string;
    customParameters?: Record<string, string>;
    /** The child leg's CallSid and the account, when the fake cloud rings for a real call. */
    callSid?: string;
    accountSid?: string;
  }): Promise<{ callSid: string; sentAt: number }> {
    const callSid = call.callSid ?? `CA_in_${String(this.nextSid++).padStart(4, '0')}`;
    const sdp = withoutTelephoneEvent(await this.media.makeOffer(callSid));
    const parameters = {
      CallSid: callSid,
      AccountSid: call.accountSid ?? 'AC00000000000000000000000000000000',
      From: call.from,
      To: call.to ?? 'client:agent',
      ...(call.customParameters ? { Params: new URLSearchParams(call.customParameters).toString() } : {}),
    };
    const sentAt = Date.now();
    this.send('invite', { callsid: callSid, sdp, parameters });
    return { callSid, sentAt };
  }

  /** The media side answers an offer the SDK made (an outgoing call), as the SDP to send back. */
  async answerOffer(callSid: string, offer: string): Promise<string> {
    return withoutTelephoneEvent(await this.media.answerOffer(callSid, offer));
  }

  /** The caller gives up before the agent answers. */
  cancel(callSid: string): void {
    this.send('cancel', { callsid: callSid });
  }

  /** The far end hangs up a connected call. */
  async hangup(callSid: string): Promise<void> {
    this.send('hangup', { callsid: callSid });
    await this.media.close(callSid);
  }

  /** The gateway forgets the registration (what a sleeping laptop finds on waking). */
  dropRegistration(): void {
    const socket = this.current;
    if (socket) this.unregister(socket);
    this.send('offline', {}, socket);
  }

  /**
   * Re-attach invites are answered only once the returned function is called. On a busy
   * machine the SDK can drop and re-attach within one poll of the UI; held, the
   * "reconnecting" state lasts until the test has seen it.
   */
  holdReconnects(): () => void {
    let release = () => {};
    this.reconnectGate = new Promise<void>((resolve) => {
      release = () => {
        this.reconnectGate = null;
        resolve();
      };
    });
    return release;
  }

  /** The signaling socket dies (a network drop): the SDK reconnects by itself. */
  dropSocket(): void {
    const socket = this.current;
    if (socket) this.unregister(socket);
    if (this.lastSocket === socket) this.lastSocket = null;
    socket?.close();
  }

  error(code: number, message: string): void {
    this.send('error', { error: { code, message } });
  }

  frames(type: string): WireFrame[] {
    return this.wire.filter((frame) => frame.type === type);
  }

  async waitFor(type: string, predicate: (frame: WireFrame) => boolean = () => true, ms = 10_000): Promise<WireFrame> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      const frame = this.wire.find((f) => f.type === type && predicate(f));
      if (frame) return frame;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fake Twilio: no ${type} frame within ${ms} ms`);
  }

  stats(callSid: string) {
    return this.media.stats(callSid);
  }

  close(): void {
    clearInterval(this.heartbeat);
  }
}
