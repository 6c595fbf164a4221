import type { FastifyInstance } from 'fastify';
import type { TeamResponse, VoiceConfig } from '../../shared/voice/protocol';
import { authenticate, principalOf, type ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { loadTwilioAccount } from './settings';
import { DEFAULT_PRESENCE_TIMEOUT_SECONDS } from './presence';
import { teamOf } from './team';
import { mintVoiceToken } from './token';

/** The desktop's side of the line: which line to run, access tokens for it, and who a call can go to. */
export function registerVoiceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const preHandler = authenticate(ctx);

  app.get('/voice/config', { preHandler }, async (request): Promise<VoiceConfig> => {
    const account = await loadTwilioAccount(ctx.db, ctx.twilio.secrets, principalOf(request).companyId);
    if (!account) return { line: 'simulated' };
    return {
      line: 'twilio',
      edge: account.edge,
      callerId: account.callerId,
      numbers: account.numbers,
      recordCalls: account.recordCalls,
      publishInsights: account.publishInsights,
    };
  });

  app.post('/voice/token', { preHandler }, async (request) => {
    const principal = principalOf(request);
    const account = await loadTwilioAccount(ctx.db, ctx.twilio.secrets, principal.companyId);
    if (!account) {
      throw new HttpError(
        409,
        'twilio_not_connected',
        'Your company has not connected a Twilio account, so there is no phone line to sign in to. Ask an admin.',
      );
    }
    return mintVoiceToken(account, principal.userId);
  });

  app.get('/voice/team', { preHandler }, async (request): Promise<TeamResponse> => {
    const { companyId, userId } = principalOf(request);
    const timeout = ctx.twilio.presenceTimeoutSeconds ?? DEFAULT_PRESENCE_TIMEOUT_SECONDS;
    return { members: await teamOf(ctx.db, companyId, userId, ctx.now(), timeout) };
  });
}
