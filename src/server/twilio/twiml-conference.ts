import twilio from 'twilio';

/**
 * TwiML for hold and transfer. A call rings and is answered as a plain `<Dial>` bridge
 * (twiml.ts, untouched); only when the agent first holds or transfers are its two legs
 * moved into a Conference of their own, because only a Conference participant can be
 * held (with music) or joined by a third party. Both legs are told to `<Dial><Conference>`
 * the same name: the child leg by a REST update, the parent leg by its `<Dial>`'s
 * action URL (redirecting a child ends the parent's `<Dial>`, which then fetches it).
 */

const { VoiceResponse } = twilio.twiml;

/** Conference events reported to /twilio/voice/conference (join and leave carry the CallSid). */
export const CONFERENCE_EVENTS = ['start', 'end', 'join', 'leave'] as const;

export interface JoinConference {
  name: string;
  /** `customer` or `agent`: the participant's label, so the callbacks say who joined. */
  label: 'customer' | 'agent';
  statusCallback: string;
  /**
   * The recording status callback when the company records calls. The <Dial>'s own
   * recording stops when its legs move in here, so the Conference records the rest of
   * the call (hold, consultation, the colleague who takes over) from its start.
   */
  recordingStatusCallback: string | null;
}

/**
 * A leg joins the call's Conference. Either side hanging up ends it for everyone, as
 * hanging up a plain bridge would; a transfer turns that off for the agent who leaves
 * (participant update `EndConferenceOnExit=false`) before it removes them.
 */
export function joinConferenceTwiml(join: JoinConference): string {
  const response = new VoiceResponse();
  const dial = response.dial();
  dial.conference(
    {
      participantLabel: join.label,
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      beep: 'false',
      // No music while the other leg is on its way in: the two were just talking.
      waitUrl: '',
      statusCallback: join.statusCallback,
      statusCallbackEvent: [...CONFERENCE_EVENTS],
      statusCallbackMethod: 'POST',
      ...(join.recordingStatusCallback
        ? {
            record: 'record-from-start' as const,
            recordingStatusCallback: join.recordingStatusCallback,
            recordingStatusCallbackEvent: ['completed' as const],
          }
        : {}),
    },
    join.name,
  );
  return response.toString();
}

/** The HoldUrl's document: our own music, looped until the participant is resumed. */
export function holdMusicTwiml(musicUrl: string): string {
  const response = new VoiceResponse();
  response.play({ loop: 0 }, musicUrl);
  return response.toString();
}
