import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerDashboardRoute } from './analytics/dashboard';
import { registerAnalyticsRoutes } from './analytics/routes';
import { registerAuthRoutes } from './auth/routes';
import { registerBlockedNumberRoutes } from './blocked/routes';
import { registerCallRoutes } from './calls/routes';
import { registerCompanySettingsRoutes } from './company/settings';
import { registerAccountCustomerRoutes } from './customers/account-routes';
import { registerCustomerRoutes } from './customers/routes';
import type { ServerContext, SyncFaults } from './context';
import { isDatabaseReachable, type Db } from './db/database';
import { registerExportRoutes } from './export/routes';
import { registerSlaRulesRoutes } from './follow-ups/sla-rules';
import { registerCallViewRoutes } from './calls/call-views';
import { registerControlCharacterGuard } from './http/control-characters';
import { HttpError } from './http/errors';
import { jsonShapeViolation } from './http/json-shape';
import { DEFAULT_BODY_LIMIT } from './http/limits';
import { loggableError } from './http/log-errors';
import { registerLookupRoutes } from './lookup/routes';
import { DEFAULT_MAX_CLOCK_DRIFT_MS } from './sync/clock-guard';
import { DEFAULT_SYNC_CLIENTS_PER_USER } from './sync/clients';
import { registerSyncRoutes } from './sync/routes';
import { registerSmsRoutes } from './sms/routes';
import type { TwilioOptions } from './twilio/options';
import { registerTwilioSettingsRoutes } from './twilio/routes-settings';
import { registerVoiceRoutes } from './twilio/routes-voice';
import { registerTwilioWebhooks } from './twilio/routes-webhooks';
import { registerControlRoutes } from './twilio/routes-control';
import { registerRecordingRoutes } from './twilio/routes-recording';
import { createSecretBox, loadSecretKey } from './twilio/secrets';

export interface BuildServerOptions {
  db: Db;
  /** HS256 key for access tokens. Every instance behind one load balancer needs the same one. */
  authSecret: Uint8Array;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  now?: () => Date;
  /** Fastify's pino logger options; false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  faults?: SyncFaults;
  /** Twilio: PUBLIC_URL, the secrets key, the REST base. Defaults: no PUBLIC_URL, a development key. */
  twilio?: Partial<TwilioOptions>;
  /** How far ahead of the server's clock a mutation's clock stamp may be (default 5 min). */
  maxClockDriftMs?: number;
  /** New sync clients one user may register per 24 hours (default 20). */
  syncClientsPerUser?: number;
  /** Milliseconds a client has to send its whole request (a slow-loris guard); 0 for none. */
  requestTimeoutMs?: number;
}

function twilioOptions(given: Partial<TwilioOptions> | undefined): TwilioOptions {
  const development = loadSecretKey({});
  return {
    publicUrl: null,
    secrets: development ? createSecretBox(development.key, false) : null,
    ...given,
  };
}

/**
 * Builds the HTTP server around a database. It holds no state of its own beyond its
 * arguments, so any number of instances can share one Postgres; tests call
 * `app.inject()` on it without opening a port.
 */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const ctx: ServerContext = {
    db: options.db,
    tokens: { secret: options.authSecret, accessTtlSeconds: options.accessTtlSeconds ?? 15 * 60, now },
    refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 24 * 3600,
    now,
    faults: options.faults ?? {},
    twilio: twilioOptions(options.twilio),
    clock: { now, maxDriftMs: options.maxClockDriftMs ?? DEFAULT_MAX_CLOCK_DRIFT_MS },
    syncClientsPerUser: options.syncClientsPerUser ?? DEFAULT_SYNC_CLIENTS_PER_USER,
  };
  const app = Fastify({
    logger: withSafeErrorSerializer(options.logger ?? false),
    bodyLimit: DEFAULT_BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
  });
  app.decorateRequest('principal', null);
  registerBoundedJsonParser(app);
  registerControlCharacterGuard(app);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.code(error.statusCode).send(error.toBody());
    }
    const fastifyError = error as { statusCode?: number; code?: string; message: string };
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      // Fastify's own refusals: malformed JSON, body too large, wrong content type.
      return reply
        .code(fastifyError.statusCode)
        .send({ code: fastifyError.code ?? 'bad_request', message: fastifyError.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: 'Something went wrong on the server. Try again.' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}.` }),
  );

  app.get('/health', async (_request, reply) => {
    const ok = await isDatabaseReachable(ctx.db);
    return reply
      .code(ok ? 200 : 503)
      .send(ok ? { status: 'ok' } : { status: 'unavailable', message: 'The database cannot be reached.' });
  });

  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerCallRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerAccountCustomerRoutes(app, ctx);
  registerLookupRoutes(app, ctx);
  registerAnalyticsRoutes(app, ctx);
  registerDashboardRoute(app, ctx);
  registerExportRoutes(app, ctx);
  registerTwilioSettingsRoutes(app, ctx);
  registerSlaRulesRoutes(app, ctx);
  registerSmsRoutes(app, ctx);
  registerCallViewRoutes(app, ctx);
  registerBlockedNumberRoutes(app, ctx);
  registerCompanySettingsRoutes(app, ctx);
  registerVoiceRoutes(app, ctx);
  registerTwilioWebhooks(app, ctx);
  registerRecordingRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  return app;
}

/** Errors are logged without the parameters of a failed query (http/log-errors.ts). */
function withSafeErrorSerializer(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const given = typeof logger === 'object' ? logger : {};
  return { ...given, serializers: { ...given.serializers, err: loggableError } };
}

/**
 * JSON bodies are shape-checked (depth, entries per list) before they are parsed, and
 * parsed with Fastify's own parser (which refuses __proto__ and constructor keys).
 */
function registerBoundedJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const violation = jsonShapeViolation(body as string);
    if (violation) {
      done(new HttpError(400, 'request_too_complex', `${violation} Send a smaller request.`), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}
