import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/database';
import { companies } from '../db/schema';
import { zodIssues } from '../http/errors';
import { createSecretBox, type SecretBox } from './secrets';
import { saveTwilioSettings, TwilioConnectInput } from './settings';

export const twilioConnectUsage = `  twilio-connect --company acme --account-sid AC… --auth-token … --api-key SK… --api-secret …
      --twiml-app AP… --number +E164 [--number …] [--caller-id +E164] [--edge roaming]
      [--record-calls] [--ring-seconds 25] [--greeting "…"]
      [--transcribe-recordings]  (Twilio transcribes each voicemail and bills it per minute: off unless given)
      (needs TWILIO_CONFIG_KEY in production; the secrets are stored encrypted and never printed)`;

/** `npm run server:cli -- twilio-connect …`: the same checks and storage as PUT /admin/twilio. */
export async function runTwilioConnect(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig({ ...env, AUTH_SECRET: env['AUTH_SECRET'] ?? 'x'.repeat(32) });
  const box = config.twilioKey ? createSecretBox(config.twilioKey.key, config.twilioKey.configured) : null;
  // Parse before opening the database: a typo costs nothing.
  const command = parseConnectArgs(argv);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pool: config.pool });
  try {
    console.log(JSON.stringify(await connectCompany(database.db, box, command), null, 2));
    if (!box?.configured)
      console.warn('Warning: TWILIO_CONFIG_KEY is not set; the secrets are sealed with a development key.');
  } finally {
    await database.close();
  }
}

interface ConnectCommand {
  slug: string;
  input: ReturnType<typeof TwilioConnectInput.parse>;
}

/** Stores the parsed settings for the company with this slug; returns what may be shown. */
export async function connectCompany(db: Db, box: SecretBox | null, command: ConnectCommand) {
  const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, command.slug));
  if (!company) throw new Error(`No company with the slug ${command.slug}`);
  const saved = await saveTwilioSettings(db, box, company.id, command.input, new Date());
  if (!saved.ok) throw new Error(saved.message);
  return saved.view;
}

export function parseConnectArgs(argv: string[]): ConnectCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      company: { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'twiml-app': { type: 'string' },
      number: { type: 'string', multiple: true },
      'caller-id': { type: 'string' },
      edge: { type: 'string' },
      'record-calls': { type: 'boolean' },
      'transcribe-recordings': { type: 'boolean' },
      'ring-seconds': { type: 'string' },
      greeting: { type: 'string' },
    },
  });
  if (!values.company) throw new Error(`Missing --company\n\n${twilioConnectUsage}`);
  const parsed = TwilioConnectInput.safeParse({
    accountSid: values['account-sid'],
    authToken: values['auth-token'],
    apiKeySid: values['api-key'],
    apiSecret: values['api-secret'],
    twimlAppSid: values['twiml-app'],
    numbers: values.number ?? [],
    callerId: values['caller-id'],
    edge: values.edge,
    recordCalls: values['record-calls'] ?? false,
    transcribeRecordings: values['transcribe-recordings'] ?? false,
    ringSeconds: values['ring-seconds'] === undefined ? undefined : Number(values['ring-seconds']),
    voicemailGreeting: values.greeting,
  });
  if (!parsed.success) {
    const lines = zodIssues(parsed.error).map((issue) => `  ${issue.path || 'input'}: ${issue.message}`);
    throw new Error(`The Twilio settings are not valid:\n${lines.join('\n')}\n\n${twilioConnectUsage}`);
  }
  return { slug: values.company, input: parsed.data };
}
