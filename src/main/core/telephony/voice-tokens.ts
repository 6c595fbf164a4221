import { VoiceTokenResponse } from '../../../shared/voice/protocol';
import { backoffDelay, type BackoffPolicy } from '../sync/backoff';
import type { SessionManager } from '../sync/session';
import { twilioErrorCodes } from './errors';
import type { Scheduler } from './scheduler';
import type { EngineError } from './voice-engine';

/**
 * Twilio access tokens for the agent's Device. The CRM server mints them (POST
 * /voice/token with the agent's session); the desktop never holds a Twilio secret.
 */

export type TokenFetch =
  | { ok: true; token: string; expiresAtMs: number }
  /** `refused`: the server answered no (signed out, no voice access); else it was unreachable. */
  | { ok: false; refused: boolean; message: string };

export interface VoiceTokenSource {
  fetch(): Promise<TokenFetch>;
}

export function sessionTokenSource(session: Pick<SessionManager, 'send'>): VoiceTokenSource {
  return {
    async fetch() {
      try {
        const reply = await session.send('POST', '/voice/token', {});
        if (reply.status !== 200) {
          const body = reply.body as { message?: unknown } | null;
          const message = typeof body?.message === 'string' ? body.message : `The server answered ${reply.status}.`;
          return { ok: false, refused: reply.status >= 400 && reply.status < 500, message };
        }
        const parsed = VoiceTokenResponse.safeParse(reply.body);
        if (!parsed.success) return { ok: false, refused: true, message: 'The server sent a malformed voice token.' };
        return { ok: true, token: parsed.data.token, expiresAtMs: Date.parse(parsed.data.expiresAt) };
      } catch (error) {
        return { ok: false, refused: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export interface TokenKeeper {
  /** A token good for at least the safety margin, fetching one if needed; null when none can be had now. */
  current(): Promise<string | null>;
  /** Fetches a fresh token now (tokenWillExpire, an expired-token error, waking from sleep). */
  refresh(): Promise<string | null>;
  expiresAt(): number | null;
  problem(): string | null;
  stop(): void;
}

export interface TokenKeeperDeps {
  source: VoiceTokenSource;
  scheduler: Scheduler;
  random: () => number;
  backoff: BackoffPolicy;
  /** A fresh token: hand it to the Device (`updateToken`). */
  onToken(token: string): void;
  /** No token could be had: a readiness problem, in words. */
  onProblem(error: EngineError): void;
}

/**
 * Refreshes ahead of expiry on its own timer (a fifth of the lifetime before `exp`, at
 * most ten minutes, at least fifteen seconds) as well as on the SDK's tokenWillExpire,
 * which has been seen to fire only once after an updateToken. Failures retry with
 * jittered back-off until a token arrives.
 */
export function createTokenKeeper(deps: TokenKeeperDeps): TokenKeeper {
  let token: { value: string; expiresAtMs: number } | null = null;
  let problem: string | null = null;
  let inFlight: Promise<string | null> | null = null;
  let cancelTimer: (() => void) | null = null;
  let failures = 0;
  let stopped = false;

  const schedule = (ms: number) => {
    cancelTimer?.();
    if (stopped) return;
    cancelTimer = deps.scheduler.setTimeout(() => {
      cancelTimer = null;
      void refresh();
    }, ms);
  };

  function refresh(): Promise<string | null> {
    inFlight ??= (async () => {
      try {
        const result = await deps.source.fetch();
        if (stopped) return null;
        if (result.ok) {
          failures = 0;
          problem = null;
          token = { value: result.token, expiresAtMs: result.expiresAtMs };
          const lifetime = result.expiresAtMs - deps.scheduler.now();
          const margin = Math.max(15_000, Math.min(600_000, lifetime / 5));
          schedule(Math.max(1_000, lifetime - margin));
          deps.onToken(result.token);
          return result.token;
        }
        failures += 1;
        const expired = token !== null && token.expiresAtMs <= deps.scheduler.now();
        problem = result.refused
          ? `The CRM server refused a phone line token: ${result.message}`
          : `The CRM server could not be reached for a phone line token: ${result.message}`;
        deps.onProblem({
          code: result.refused
            ? twilioErrorCodes.invalidToken
            : expired
              ? twilioErrorCodes.expiredToken
              : twilioErrorCodes.connectionError,
          message: problem,
        });
        schedule(Math.max(1_000, backoffDelay(failures, deps.random, deps.backoff)));
        return null;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return {
    async current() {
      if (token && token.expiresAtMs - 30_000 > deps.scheduler.now()) return token.value;
      return refresh();
    },
    refresh,
    expiresAt: () => token?.expiresAtMs ?? null,
    problem: () => problem,
    stop() {
      stopped = true;
      cancelTimer?.();
    },
  };
}
