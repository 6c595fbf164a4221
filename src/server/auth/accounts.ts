import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../shared/domain/ids';
import type { Db } from '../db/database';
import { companies, users } from '../db/schema';
import { HttpError } from '../http/errors';
import { hashPassword } from './passwords';
import type { Role } from './tokens';

export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'A slug is lower-case letters, digits and dashes, like acme-east');
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('That is not an email address (like ada@acme.test).'))
  .pipe(z.string().max(320, 'An email address has at most 320 characters.'));
/** Long enough to resist guessing: a passphrase of a few words passes, "x" or "secret" does not. */
export const PASSWORD_MIN_LENGTH = 12;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for a password.`)
  .max(200, 'Use at most 200 characters for a password.');

/** Parses with a schema; a refusal is an HttpError whose sentence is the first issue's, not zod's JSON. */
function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message;
  throw new HttpError(400, 'invalid_input', message ? `${what}: ${message}` : `${what} is not valid.`);
}

/**
 * Postgres refuses a duplicate with a unique violation (23505), which drizzle wraps in a
 * "Failed query: insert into …" error. Two admins racing past the existence check end
 * here; they get the same plain sentence as the check would have given.
 */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export interface UserView {
  id: string;
  companyId: string;
  email: string;
  displayName: string;
  role: Role;
}

export function userView(row: typeof users.$inferSelect): UserView {
  return { id: row.id, companyId: row.companyId, email: row.email, displayName: row.displayName, role: row.role };
}

export async function createUser(
  db: Db,
  companyId: string,
  input: { email: string; password: string; displayName: string; role: Role },
): Promise<UserView> {
  const email = check(Email, input.email, 'The email');
  check(Password, input.password, 'The password');
  const emailTaken = () => new HttpError(409, 'email_taken', `A user with the email ${email} already exists.`);
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.email, email)));
  if (existing.length > 0) throw emailTaken();
  const [row] = await db
    .insert(users)
    .values({
      id: newId(),
      companyId,
      email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? emailTaken() : error;
    });
  return userView(row!);
}

export async function createCompany(
  db: Db,
  input: { name: string; slug: string; adminEmail: string; adminPassword: string; adminName?: string },
): Promise<{ company: { id: string; slug: string; name: string }; admin: UserView }> {
  const slug = check(Slug, input.slug, 'The slug');
  const email = check(Email, input.adminEmail, 'The admin email');
  check(Password, input.adminPassword, 'The admin password');
  const name = input.name.trim();
  if (!name) throw new HttpError(400, 'invalid_input', 'Give the company a name.');
  const slugTaken = () => new HttpError(409, 'slug_taken', `A company with the slug ${slug} already exists.`);
  const taken = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug));
  if (taken.length > 0) throw slugTaken();
  const company = { id: newId(), slug, name };
  // One transaction: a company without its first admin could never be signed into.
  return db.transaction(async (tx) => {
    await tx
      .insert(companies)
      .values(company)
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken() : error;
      });
    const admin = await createUser(tx, company.id, {
      email,
      password: input.adminPassword,
      displayName: input.adminName ?? 'Administrator',
      role: 'admin',
    });
    return { company, admin };
  });
}
