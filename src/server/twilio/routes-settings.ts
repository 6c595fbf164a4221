import type { FastifyInstance } from 'fastify';
import { authenticate, principalOf, requireAdmin, type ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { publicUrlFor } from './options';
import { disconnectTwilio, readTwilioSettingsView, saveTwilioSettings, TwilioConnectInput } from './settings';

/** The URLs to paste into the Twilio console, from PUBLIC_URL (null while it is not set). */
export function webhookUrls(ctx: ServerContext) {
  const url = (path: string) => publicUrlFor(ctx.twilio, path);
  return {
    incoming: url('/twilio/voice/incoming'),
    outgoing: url('/twilio/voice/outgoing'),
    status: url('/twilio/voice/status'),
    recording: url('/twilio/voice/recording'),
  };
}

/** Admin API for the company's Twilio connection. Secrets go in; they never come out. */
export function registerTwilioSettingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const preHandler = [authenticate(ctx), requireAdmin];

  app.get('/admin/twilio', { preHandler }, async (request) => {
    const view = await readTwilioSettingsView(ctx.db, principalOf(request).companyId);
    return view ? { ...view, webhookUrls: webhookUrls(ctx) } : { connected: false, webhookUrls: webhookUrls(ctx) };
  });

  app.put('/admin/twilio', { preHandler }, async (request) => {
    const input = parseInput(TwilioConnectInput, request.body, 'Twilio settings');
    const saved = await saveTwilioSettings(
      ctx.db,
      ctx.twilio.secrets,
      principalOf(request).companyId,
      input,
      ctx.now(),
    );
    if (!saved.ok) throw new HttpError(saved.code === 'secrets_key_missing' ? 503 : 400, saved.code, saved.message);
    return { ...saved.view, webhookUrls: webhookUrls(ctx) };
  });

  app.delete('/admin/twilio', { preHandler }, async (request) => {
    const removed = await disconnectTwilio(ctx.db, principalOf(request).companyId);
    return { connected: false, removed };
  });
}
