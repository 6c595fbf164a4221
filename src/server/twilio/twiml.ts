import twilio from 'twilio';
import { clientParams } from '../../shared/voice/protocol';

/**
 * The TwiML we answer Twilio's voice requests with. Pure functions of what routing
 * decided, so the documents themselves are tested without a server.
 */

const { VoiceResponse } = twilio.twiml;

/** Events every leg reports to /twilio/voice/status. */
const LEG_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;

export interface CallbackUrls {
  status: string;
  recording: string;
}

export interface OutgoingDial {
  to: string;
  callerId: string;
  record: boolean;
  urls: CallbackUrls;
  /**
   * Where the agent's leg goes when the <Dial> ends. Only ever used when the call was
   * moved into a Conference (hold, transfer): the customer's leg is redirected there,
   * which ends this <Dial>, and the answer puts the agent in too. Otherwise it hangs up,
   * as a <Dial> with nothing after it does.
   */
  afterDialUrl?: string;
}

/** An agent's outgoing call: the customer sees the company's caller ID; ringback until they answer. */
export function outgoingDialTwiml(dial: OutgoingDial): string {
  const response = new VoiceResponse();
  const element = response.dial({
    callerId: dial.callerId,
    answerOnBridge: true,
    ...(dial.record
      ? {
          record: 'record-from-answer-dual' as const,
          recordingStatusCallback: dial.urls.recording,
          recordingStatusCallbackEvent: ['completed' as const],
        }
      : {}),
    // After the attributes the plain call always had, so its document only grows.
    ...(dial.afterDialUrl ? { action: dial.afterDialUrl, method: 'POST' as const } : {}),
  });
  element.number(
    { statusCallback: dial.urls.status, statusCallbackEvent: [...LEG_EVENTS], statusCallbackMethod: 'POST' },
    dial.to,
  );
  return response.toString();
}

/** A refused outgoing call: the agent hears why, and the call ends. */
export function refusalTwiml(sentence: string): string {
  const response = new VoiceResponse();
  response.say(sentence);
  response.hangup();
  return response.toString();
}

/** A blocked caller: Twilio refuses the call before it is answered (the caller hears a busy signal), billed nothing. */
export function rejectTwiml(): string {
  const response = new VoiceResponse();
  response.reject({ reason: 'busy' });
  return response.toString();
}

export interface RingAgents {
  identities: string[];
  ringSeconds: number;
  /** Where Twilio goes when the <Dial> ends (answered or not). */
  afterDialUrl: string;
  record: boolean;
  urls: CallbackUrls;
  /** The <Parameter>s every rung agent's Device receives (clientParams names). */
  parameters: Partial<Record<keyof typeof clientParams, string>>;
}

/** An inbound call: every available agent rings at once; the first to answer takes it. */
export function ringAgentsTwiml(ring: RingAgents): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    timeout: ring.ringSeconds,
    answerOnBridge: true,
    action: ring.afterDialUrl,
    method: 'POST',
    ...(ring.record
      ? {
          record: 'record-from-answer-dual' as const,
          recordingStatusCallback: ring.urls.recording,
          recordingStatusCallbackEvent: ['completed' as const],
        }
      : {}),
  });
  for (const identity of ring.identities) {
    const client = dial.client({
      statusCallback: ring.urls.status,
      statusCallbackEvent: [...LEG_EVENTS],
      statusCallbackMethod: 'POST',
    });
    client.identity(identity);
    for (const [key, value] of Object.entries(ring.parameters)) {
      if (value) client.parameter({ name: clientParams[key as keyof typeof clientParams], value });
    }
  }
  return response.toString();
}

export interface Voicemail {
  greeting: string;
  recordingUrl: string;
  doneUrl: string;
  /** Where Twilio posts the message's transcript; absent when the company did not ask for one. */
  transcriptionUrl?: string;
}

/**
 * Twilio transcribes a <Record> only up to two minutes long (and fails a longer one), so
 * a voicemail that is to be transcribed is cut there; otherwise it may run three.
 */
const VOICEMAIL_SECONDS = 180;
const TRANSCRIBED_VOICEMAIL_SECONDS = 120;

/** Nobody answered (or nobody was available): the greeting, then a recorded message. */
export function voicemailTwiml(voicemail: Voicemail): string {
  const response = new VoiceResponse();
  response.say(voicemail.greeting);
  const transcribe = voicemail.transcriptionUrl !== undefined;
  response.record({
    maxLength: transcribe ? TRANSCRIBED_VOICEMAIL_SECONDS : VOICEMAIL_SECONDS,
    playBeep: true,
    timeout: 5,
    action: voicemail.doneUrl,
    method: 'POST',
    recordingStatusCallback: voicemail.recordingUrl,
    recordingStatusCallbackEvent: ['completed'],
    // After the attributes the plain voicemail always had, so its document only grows.
    ...(transcribe ? { transcribe: true, transcribeCallback: voicemail.transcriptionUrl } : {}),
  });
  return response.toString();
}

export function hangupTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
