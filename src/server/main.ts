import { buildServer } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { createSecretBox } from './twilio/secrets';
import { DataDirInUseError } from './db/data-dir-lock';
import { repairClocksAhead } from './sync/clock-guard';

/** `npm run server`: migrates the database, then serves. SIGINT/SIGTERM drain and close. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pool: config.pool,
    role: 'server',
  });
  const app = buildServer({
    db: database.db,
    authSecret: config.authSecret,
    maxClockDriftMs: config.maxClockDriftMs,
    syncClientsPerUser: config.syncClientsPerUser,
    logger: {
      level: config.logLevel,
      redact: [
        'req.headers.authorization',
        'req.headers["x-twilio-signature"]',
        'req.body.password',
        'req.body.refreshToken',
        'req.body.authToken',
        'req.body.apiSecret',
      ],
    },
    twilio: {
      publicUrl: config.publicUrl,
      secrets: config.twilioKey ? createSecretBox(config.twilioKey.key, config.twilioKey.configured) : null,
      ...(config.twilioRestBaseUrl ? { restBaseUrl: config.twilioRestBaseUrl } : {}),
    },
  });
  const repaired = await repairClocksAhead(database.db, { now: () => new Date(), maxDriftMs: config.maxClockDriftMs });
  if (repaired.companies + repaired.rows > 0) {
    app.log.warn(repaired, 'clock stamps from the future were brought back to now (companies, records)');
  }
  if (config.generatedSecret) {
    app.log.warn('AUTH_SECRET is not set: using a random secret for this process. Sessions end when it restarts.');
  }
  if (!config.twilioKey) {
    app.log.warn(
      'TWILIO_CONFIG_KEY is not set: Twilio cannot be connected until it is (secrets are never stored unencrypted).',
    );
  } else if (!config.twilioKey.configured) {
    app.log.warn(
      'TWILIO_CONFIG_KEY is not set: Twilio secrets are sealed with a development key. Set it before real use.',
    );
  }
  if (!config.publicUrl) app.log.warn('PUBLIC_URL is not set: Twilio webhooks will be refused.');
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'database ready (migrations applied)',
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  // The data folder in use is an explained refusal, one sentence; anything else keeps its stack.
  console.error(error instanceof DataDirInUseError ? error.message : error);
  process.exit(1);
});
