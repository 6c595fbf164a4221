import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { Id } from '../../shared/domain/primitives';
import { SmsSettingsInput } from '../../shared/sms/message';
import { SmsTemplateInput } from '../../shared/sms/templates';
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/database';
import { companies } from '../db/schema';
import { zodIssues } from '../http/errors';
import { deleteTemplate, listTemplates, saveSmsSettings, saveTemplate } from './settings';

export const smsCliUsage = `  sms-template --company acme --id eta --name "ETA" --body "Hi {{firstName}}, we arrive {{appointmentWindow}}."
  sms-template --company acme --id eta --delete
  sms-templates --company acme
      (texting templates; variables such as {{firstName}}, {{agentName}}, {{appointmentWindow}})
  sms-settings --company acme [--quiet-start 21:00 --quiet-end 08:00] [--help-text "…"]
      (quiet hours in the customer's zone, and the answer to HELP)`;

export const smsCommands = new Set(['sms-template', 'sms-templates', 'sms-settings']);

/** `npm run server:cli -- sms-…`: the same checks and storage as the /admin/sms routes. */
export async function runSmsCli(command: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      company: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      body: { type: 'string' },
      delete: { type: 'boolean' },
      'quiet-start': { type: 'string' },
      'quiet-end': { type: 'string' },
      'help-text': { type: 'string' },
    },
  });
  if (!values.company) throw new Error(`Missing --company\n\n${smsCliUsage}`);
  // Parse before opening the database: a typo costs nothing.
  const action = parseAction(command, values);
  const config = loadConfig({ ...env, AUTH_SECRET: env['AUTH_SECRET'] ?? 'x'.repeat(32) });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pool: config.pool });
  try {
    const companyId = await companyIdOf(database.db, values.company);
    console.log(JSON.stringify(await action(database.db, companyId), null, 2));
  } finally {
    await database.close();
  }
}

type Action = (db: Db, companyId: string) => Promise<unknown>;

function checked<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = zodIssues(parsed.error).map((issue) => `  ${issue.path || what}: ${issue.message}`);
  throw new Error(`The ${what} is not valid:\n${lines.join('\n')}`);
}

function parseAction(command: string, values: Record<string, string | boolean | undefined>): Action {
  switch (command) {
    case 'sms-templates':
      return async (db, companyId) => ({ items: await listTemplates(db, companyId) });
    case 'sms-template': {
      const id = checked(Id, values['id'], 'template id');
      if (values['delete']) {
        return async (db, companyId) => {
          if (!(await deleteTemplate(db, companyId, id))) throw new Error(`No template has the id ${id}.`);
          return { removed: true };
        };
      }
      const input = checked(SmsTemplateInput, { name: values['name'], body: values['body'] }, 'template');
      return (db, companyId) => saveTemplate(db, companyId, { id, ...input }, new Date());
    }
    default: {
      const start = values['quiet-start'];
      const end = values['quiet-end'];
      const input = checked(
        SmsSettingsInput,
        {
          ...(start !== undefined || end !== undefined ? { quietHours: { start, end } } : {}),
          ...(values['help-text'] !== undefined ? { helpText: values['help-text'] } : {}),
        },
        'texting settings',
      );
      return (db, companyId) => saveSmsSettings(db, companyId, input, new Date());
    }
  }
}

async function companyIdOf(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug));
  if (!row) throw new Error(`No company with the slug ${slug}`);
  return row.id;
}
