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
export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320));
export const Password = z.string().min(10, 'Use at least 10 characters for a password.').max(200);

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
  const email = input.email.trim().toLowerCase();
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.email, email)));
  if (existing.length > 0) throw new HttpError(409, 'email_taken', `A user with the email ${email} already exists.`);
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
    .returning();
  return userView(row!);
}

export async function createCompany(
  db: Db,
  input: { name: string; slug: string; adminEmail: string; adminPassword: string; adminName?: string },
): Promise<{ company: { id: string; slug: string; name: string }; admin: UserView }> {
  const slug = Slug.parse(input.slug);
  const email = Email.parse(input.adminEmail);
  Password.parse(input.adminPassword);
  const taken = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug));
  if (taken.length > 0) throw new HttpError(409, 'slug_taken', `A company with the slug ${slug} already exists.`);
  const company = { id: newId(), slug, name: input.name };
  // One transaction: a company without its first admin could never be signed into.
  return db.transaction(async (tx) => {
    await tx.insert(companies).values(company);
    const admin = await createUser(tx, company.id, {
      email,
      password: input.adminPassword,
      displayName: input.adminName ?? 'Administrator',
      role: 'admin',
    });
    return { company, admin };
  });
}
