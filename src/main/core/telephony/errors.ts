import type { TelephonyOutcome } from '../../../shared/domain/disposition';
import type { EngineError } from './voice-engine';

/**
 * Twilio Voice error codes an agent console meets, in words an agent understands.
 * The codes are Twilio's (the simulated engine uses the same ones) so the Twilio
 * engine can pass its errors through unchanged.
 */
export const twilioErrorCodes = {
  invalidToken: 20101,
  expiredToken: 20104,
  connectionTimeout: 31003,
  connectionError: 31005,
  microphonePermissionDenied: 31401,
  noMicrophone: 31402,
  unavailable: 31480,
  busy: 31486,
  declined: 31603,
  signalingLost: 53000,
  signalingReconnectFailed: 53001,
  mediaFailed: 53405,
} as const;

const plainWords: Record<number, string> = {
  20101:
    'The phone line could not sign in: its access token is not valid. Ask an administrator to check the telephony account.',
  20104: 'The phone line’s sign-in expired. Switchboard is renewing it; try again in a moment.',
  31003: 'The call could not be connected in time. Check the network and try again.',
  31005: 'The connection to the phone service failed. Check the network and try again.',
  31401: 'Switchboard is not allowed to use the microphone. Allow microphone access and try again.',
  31402: 'No microphone was found. Plug one in and try again.',
  31480: 'Nobody answered: the number is unavailable.',
  31486: 'The line is busy.',
  31603: 'The call was declined.',
  53000: 'The connection to the phone service was lost.',
  53001: 'The connection to the phone service was lost and could not be restored.',
  53405: 'The audio connection failed. Check the network and try again.',
};

/** A sentence for the agent; unknown codes keep the provider's message. */
export function describeEngineError(error: EngineError): string {
  return plainWords[error.code] ?? `The phone line reported a problem (${error.code}): ${error.message}`;
}

/**
 * How an unanswered outgoing call ended, read from the error that preceded its
 * disconnect, in the shared TelephonyOutcome names (disposition.ts). 31603 (declined)
 * counts as busy: that is what Twilio's `<Dial>` reports for a PSTN callee who
 * declines, so the status callbacks and the softphone agree.
 */
export function unansweredOutcomeOf(
  error: EngineError | null,
): Extract<TelephonyOutcome, 'busy' | 'no-answer' | 'failed'> {
  switch (error?.code) {
    case twilioErrorCodes.busy:
    case twilioErrorCodes.declined:
      return 'busy';
    case twilioErrorCodes.unavailable:
      return 'no-answer';
    default:
      return 'failed';
  }
}
