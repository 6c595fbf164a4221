import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { registerConferenceRoutes } from './conference-events';
import { registerCallbackRoutes } from './routes-callbacks';
import { registerTranscriptionRoutes } from './routes-transcription';
import { registerVoiceRequestRoutes } from './routes-voice-requests';
import { registerFormParser } from './webhook';
import { registerSmsWebhooks } from '../sms/webhooks';

/** Everything Twilio calls, under /twilio/voice/… and /twilio/sms/…, in a scope of its own that reads form bodies as text. */
export function registerTwilioWebhooks(app: FastifyInstance, ctx: ServerContext): void {
  void app.register(async (scope) => {
    registerFormParser(scope);
    registerVoiceRequestRoutes(scope, ctx);
    registerCallbackRoutes(scope, ctx);
    registerConferenceRoutes(scope, ctx);
    registerSmsWebhooks(scope, ctx);
    registerTranscriptionRoutes(scope, ctx);
  });
}
