import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createCompany, createUser, PASSWORD_MIN_LENGTH } from './auth/accounts';
import { blockNumber, listBlockedNumbers, unblockNumber } from './blocked/store';
import { isRole } from './auth/tokens';
import { loadConfig } from './config';
import { openDatabase, type Db } from './db/database';
import { companies } from './db/schema';
import { importDirectory, directoryTables, type DirectoryEntity } from './directory/store';
import { compactTombstones } from './sync/compaction';
import { saveSlaRules } from './follow-ups/sla-rules';
import { SlaRulesInput } from '../shared/domain/sla';
import { runTwilioConnect, twilioConnectUsage } from './twilio/cli-connect';
import { runSmsCli, smsCliUsage, smsCommands } from './sms/cli-sms';

const usage = `Switchboard server administration (uses DATABASE_URL or SERVER_DATA_DIR like the server).
On the embedded database (no DATABASE_URL), run it while the server is stopped: one process per data folder.
Passwords have at least ${PASSWORD_MIN_LENGTH} characters.

  create-company --name "Acme" --slug acme --admin-email a@acme.test --admin-password <pw> [--admin-name "Ada"]
  create-user --company acme --email b@acme.test --password <pw> --role agent|supervisor|admin [--name "Bob"]
  import-directory --company acme --entity contacts|accounts|leads|opportunities|cases --file records.json
      (a JSON array, or one JSON record per line, in the shared directory schemas)
  compact-tombstones --company acme --older-than-days 30
  set-sla-rules --company acme --rules '{"callback_requested":120,"missed":60,"emergency":15}'
      (follow-up SLA minutes by disposition code; --rules default goes back to the defaults)
  block-number --company acme --number "+1 415 555 0100" [--reason "Abusive caller"]
  unblock-number --company acme --number +14155550100
  list-blocked-numbers --company acme
      (the company's blocked numbers: inbound calls rejected before they ring, never dialed)
${twilioConnectUsage}
${smsCliUsage}
`;

async function companyId(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug));
  if (!row) throw new Error(`No company with the slug ${slug}`);
  return row.id;
}

function need(values: Record<string, string | undefined>, ...names: string[]): string[] {
  const missing = names.filter((name) => !values[name]);
  if (missing.length > 0) throw new Error(`Missing --${missing.join(', --')}\n\n${usage}`);
  return names.map((name) => values[name]!);
}

/** The same check as PUT /admin/sla-rules, with its sentences. */
function parseSlaRules(text: string): Record<string, number> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('--rules is a JSON object of minutes by disposition code, or the word default.');
  }
  const parsed = SlaRulesInput.safeParse({ rules: json });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data.rules;
}

function readRecords(file: string): unknown[] {
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('[')) return JSON.parse(text) as unknown[];
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Its own options and its own module (twilio/cli-connect.ts).
  if (command === 'twilio-connect') return runTwilioConnect(rest);
  if (command && smsCommands.has(command)) return runSmsCli(command, rest);
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      [
        'name',
        'slug',
        'admin-email',
        'admin-password',
        'admin-name',
        'company',
        'email',
        'password',
        'role',
        'entity',
        'file',
        'older-than-days',
        'rules',
        'number',
        'reason',
      ].map((name) => [name, { type: 'string' as const }]),
    ),
  }) as { values: Record<string, string | undefined> };
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return;
  }
  const config = loadConfig({ ...process.env, AUTH_SECRET: process.env['AUTH_SECRET'] ?? 'x'.repeat(32) });
  // On PGlite this refuses at once while the server runs on the same folder (it would
  // otherwise write where the server never looks, and the company would be lost).
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pool: config.pool,
    role: 'cli',
  });
  try {
    const { db } = database;
    switch (command) {
      case 'create-company': {
        const [name, slug, email, password] = need(values, 'name', 'slug', 'admin-email', 'admin-password');
        const result = await createCompany(db, {
          name: name!,
          slug: slug!,
          adminEmail: email!,
          adminPassword: password!,
          adminName: values['admin-name'],
        });
        console.log(JSON.stringify(result, null, 2));
        break;
      }
      case 'create-user': {
        const [slug, email, password, role] = need(values, 'company', 'email', 'password', 'role');
        if (!isRole(role)) throw new Error('--role is agent, supervisor or admin');
        const user = await createUser(db, await companyId(db, slug!), {
          email: email!,
          password: password!,
          role,
          displayName: values['name'] ?? email!,
        });
        console.log(JSON.stringify(user, null, 2));
        break;
      }
      case 'import-directory': {
        const [slug, entity, file] = need(values, 'company', 'entity', 'file');
        if (!Object.hasOwn(directoryTables, entity!))
          throw new Error(`--entity is one of ${Object.keys(directoryTables).join(', ')}`);
        const result = await importDirectory(
          db,
          await companyId(db, slug!),
          entity as DirectoryEntity,
          readRecords(file!),
        );
        console.log(JSON.stringify(result));
        break;
      }
      case 'compact-tombstones': {
        const [slug, days] = need(values, 'company', 'older-than-days');
        const before = new Date(Date.now() - Number(days) * 24 * 3600 * 1000);
        console.log(JSON.stringify(await compactTombstones(db, await companyId(db, slug!), before)));
        break;
      }
      case 'set-sla-rules': {
        const [slug, text] = need(values, 'company', 'rules');
        const rules = text === 'default' ? null : parseSlaRules(text!);
        console.log(JSON.stringify(await saveSlaRules(db, await companyId(db, slug!), rules)));
        break;
      }
      case 'block-number': {
        const [slug, number] = need(values, 'company', 'number');
        const by = { userId: null, name: 'the server administrator' };
        const input = { number: number!, reason: values['reason'] ?? '' };
        console.log(JSON.stringify(await blockNumber(db, await companyId(db, slug!), input, by, new Date())));
        break;
      }
      case 'unblock-number': {
        const [slug, number] = need(values, 'company', 'number');
        if (!(await unblockNumber(db, await companyId(db, slug!), number!)))
          throw new Error(`${number} is not on the blocked list.`);
        console.log(JSON.stringify({ unblocked: number }));
        break;
      }
      case 'list-blocked-numbers': {
        const [slug] = need(values, 'company');
        console.log(JSON.stringify({ items: await listBlockedNumbers(db, await companyId(db, slug!)) }, null, 2));
        break;
      }
      default:
        throw new Error(`Unknown command ${command}\n\n${usage}`);
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
