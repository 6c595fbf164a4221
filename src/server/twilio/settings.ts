import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { E164 } from '../../shared/domain/primitives';
import type { Db } from '../db/database';
import { twilioSettings } from '../db/schema';
import { HttpError } from '../http/errors';
import { SecretKeyError, type SecretBox } from './secrets';

/**
 * The company's Twilio connection: what an admin sets (API or `twilio-connect`), how it
 * is stored (secrets sealed), and what may be shown back (never a secret).
 */

const sid = (prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `${what} starts with ${prefix} followed by 32 hex characters.`);
export const AccountSid = sid('AC', 'An Account SID');

const secret = (what: string) => z.string().trim().min(16, `${what} looks too short.`).max(256);

export const TwilioConnectInput = z
  .object({
    accountSid: AccountSid,
    /** Required the first time; when omitted later, the stored one is kept. */
    authToken: secret('The auth token').optional(),
    apiKeySid: sid('SK', 'An API key SID'),
    apiSecret: secret('The API key secret').optional(),
    twimlAppSid: sid('AP', 'A TwiML App SID'),
    numbers: z.array(E164).min(1, 'Give at least one of the company’s Twilio numbers.').max(100),
    /** Defaults to the first number. */
    callerId: E164.optional(),
    edge: z
      .string()
      .regex(/^[a-z0-9-]{2,32}$/, 'An edge is a Twilio edge name such as roaming, ashburn or dublin.')
      .default('roaming'),
    recordCalls: z.boolean().default(false),
    publishInsights: z.boolean().default(false),
    /**
     * Ask Twilio for a transcript of each voicemail (`<Record transcribe>`). Twilio bills
     * transcription per minute, so it is off unless an admin turns it on.
     */
    transcribeRecordings: z.boolean().default(false),
    ringSeconds: z.number().int().min(5).max(120).default(25),
    voicemailGreeting: z.string().trim().min(1).max(500).optional(),
    /** Numbers never to dial (on top of do-not-contact records in the directory). */
    blockedNumbers: z.array(E164).max(10000).default([]),
  })
  .strict();
export type TwilioConnectInput = z.input<typeof TwilioConnectInput>;

export const DEFAULT_GREETING = 'Sorry, nobody can take your call right now. Please leave a message after the tone.';

/** What the server uses internally: secrets decrypted, only ever in memory. */
export interface TwilioAccount {
  companyId: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiSecret: string;
  twimlAppSid: string;
  numbers: string[];
  callerId: string;
  edge: string;
  recordCalls: boolean;
  publishInsights: boolean;
  transcribeRecordings: boolean;
  ringSeconds: number;
  voicemailGreeting: string;
  blockedNumbers: string[];
}

/** What an admin may see: no secret, only whether one is stored. */
export interface TwilioSettingsView extends Omit<TwilioAccount, 'authToken' | 'apiSecret' | 'companyId'> {
  connected: true;
  hasAuthToken: boolean;
  hasApiSecret: boolean;
  updatedAt: string;
}

export type SaveResult = { ok: true; view: TwilioSettingsView } | { ok: false; code: string; message: string };

type Row = typeof twilioSettings.$inferSelect;

const context = (companyId: string, field: string) => `twilio:${companyId}:${field}`;

/** The stored connection's fields that are no secret: shown to admins and used in memory alike. */
function publicFieldsOf(row: Row): Omit<TwilioAccount, 'authToken' | 'apiSecret' | 'companyId'> {
  return {
    accountSid: row.accountSid,
    apiKeySid: row.apiKeySid,
    twimlAppSid: row.twimlAppSid,
    numbers: row.numbers,
    callerId: row.callerId,
    edge: row.edge,
    recordCalls: row.recordCalls,
    publishInsights: row.publishInsights,
    transcribeRecordings: row.transcribeRecordings,
    ringSeconds: row.ringSeconds,
    voicemailGreeting: row.voicemailGreeting,
    blockedNumbers: row.blockedNumbers,
  };
}

function viewOf(row: Row): TwilioSettingsView {
  return {
    connected: true,
    ...publicFieldsOf(row),
    hasAuthToken: row.authTokenEnc.length > 0,
    hasApiSecret: row.apiSecretEnc.length > 0,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function readTwilioSettingsView(db: Db, companyId: string): Promise<TwilioSettingsView | null> {
  const [row] = await db.select().from(twilioSettings).where(eq(twilioSettings.companyId, companyId));
  return row ? viewOf(row) : null;
}

/**
 * Stores the connection. Refuses when secrets cannot be protected (no key in
 * production), and when a secret is missing on the first connect.
 */
export async function saveTwilioSettings(
  db: Db,
  box: SecretBox | null,
  companyId: string,
  input: z.output<typeof TwilioConnectInput>,
  now: Date,
): Promise<SaveResult> {
  if (!box) {
    return {
      ok: false,
      code: 'secrets_key_missing',
      message: 'Twilio secrets cannot be stored: set TWILIO_CONFIG_KEY on the server (32 random bytes) first.',
    };
  }
  const [existing] = await db.select().from(twilioSettings).where(eq(twilioSettings.companyId, companyId));
  if (!existing && (!input.authToken || !input.apiSecret)) {
    return {
      ok: false,
      code: 'secret_required',
      message: 'Connecting Twilio needs the auth token and the API key secret.',
    };
  }
  // A new account keeps no secret of the old one.
  const sameAccount = existing?.accountSid === input.accountSid;
  if (existing && !sameAccount && (!input.authToken || !input.apiSecret)) {
    return {
      ok: false,
      code: 'secret_required',
      message: 'A different Twilio account needs its own auth token and API key secret.',
    };
  }
  const authTokenEnc = input.authToken
    ? box.seal(input.authToken, context(companyId, 'authToken'))
    : existing!.authTokenEnc;
  const apiSecretEnc = input.apiSecret
    ? box.seal(input.apiSecret, context(companyId, 'apiSecret'))
    : existing!.apiSecretEnc;
  const values = {
    companyId,
    accountSid: input.accountSid,
    authTokenEnc,
    apiKeySid: input.apiKeySid,
    apiSecretEnc,
    twimlAppSid: input.twimlAppSid,
    numbers: [...new Set(input.numbers)],
    callerId: input.callerId ?? input.numbers[0]!,
    edge: input.edge,
    recordCalls: input.recordCalls,
    publishInsights: input.publishInsights,
    transcribeRecordings: input.transcribeRecordings,
    ringSeconds: input.ringSeconds,
    voicemailGreeting: input.voicemailGreeting ?? existing?.voicemailGreeting ?? DEFAULT_GREETING,
    blockedNumbers: [...new Set(input.blockedNumbers)],
    updatedAt: now,
  };
  const [row] = await db
    .insert(twilioSettings)
    .values(values)
    .onConflictDoUpdate({ target: twilioSettings.companyId, set: values })
    .returning();
  return { ok: true, view: viewOf(row!) };
}

export async function disconnectTwilio(db: Db, companyId: string): Promise<boolean> {
  const deleted = await db
    .delete(twilioSettings)
    .where(eq(twilioSettings.companyId, companyId))
    .returning({ id: twilioSettings.companyId });
  return deleted.length > 0;
}

/**
 * Decrypts a stored connection. A key that changed since the secrets were stored is an
 * operator's problem, said in words (503), not a crash.
 */
export function accountOf(row: Row, box: SecretBox): TwilioAccount {
  try {
    return decrypted(row, box);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new HttpError(503, 'twilio_secrets_unreadable', error.message);
    throw error;
  }
}

function decrypted(row: Row, box: SecretBox): TwilioAccount {
  return {
    companyId: row.companyId,
    ...publicFieldsOf(row),
    authToken: box.open(row.authTokenEnc, context(row.companyId, 'authToken')),
    apiSecret: box.open(row.apiSecretEnc, context(row.companyId, 'apiSecret')),
  };
}

export async function loadTwilioAccount(
  db: Db,
  box: SecretBox | null,
  companyId: string,
): Promise<TwilioAccount | null> {
  if (!box) return null;
  const [row] = await db.select().from(twilioSettings).where(eq(twilioSettings.companyId, companyId));
  return row ? accountOf(row, box) : null;
}

/** Every company connected to this Twilio account (usually one). */
export async function accountsBySid(db: Db, box: SecretBox | null, accountSid: string): Promise<TwilioAccount[]> {
  if (!box) return [];
  const rows = await db.select().from(twilioSettings).where(eq(twilioSettings.accountSid, accountSid));
  return rows.map((row) => accountOf(row, box));
}
