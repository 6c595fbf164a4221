import type { ScreenPop } from '../../../shared/api/line';
import { isE164, normalizePhone } from '../../../shared/domain/phone';
import { twilioErrorCodes } from '../telephony/errors';
import type { CallEvent, EngineCall, EngineError } from '../telephony/voice-engine';
import type { LineEvent } from './line-machine';

/** Small translations between the engine's world and the line's, kept out of the controller. */

/** An engine call event as the reducer's event, stamped with the time it arrived. */
export function toLineEvent(call: EngineCall, event: CallEvent, at: string): LineEvent {
  switch (event.type) {
    case 'ringing':
      return { type: 'ringing', providerCallId: call.info().callSid };
    case 'accept':
      return { type: 'accept', providerCallId: call.info().callSid, at };
    case 'cancel':
    case 'reject':
    case 'disconnect':
      return { type: event.type, at };
    default:
      return event;
  }
}

/** What `connect()` threw, as a Twilio-style error (a plain Error counts as a connection error). */
export function asEngineError(error: unknown): EngineError {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number') {
    return { code: error.code, message: String((error as { message?: unknown }).message ?? '') };
  }
  return { code: twilioErrorCodes.connectionError, message: error instanceof Error ? error.message : String(error) };
}

/** The caller as E.164 when it is a phone number; `client:alice` or `sip:…` stay as they are. */
export function callerNumber(from: string, defaultRegion: string): string {
  if (isE164(from)) return from;
  if (from.includes(':')) return from;
  return normalizePhone(from, defaultRegion)?.e164 ?? from;
}

/** The pop of a caller nobody matches (also what a failed lookup falls back to). */
export function emptyPop(number: string): ScreenPop {
  return { number, numberDisplay: number, matches: [], numberLocalTime: null };
}
