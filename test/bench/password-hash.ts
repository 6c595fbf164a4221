import { buildServer } from '../../src/server/app';
import { createCompany } from '../../src/server/auth/accounts';
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords';
import { openPglite } from '../../src/server/db/database';
import { percentile, printTable, type BenchResult } from './stats';

/**
 * What a sign-in costs at each scrypt cost, to choose the server's default
 * (auth/passwords.ts): the largest N whose median sign-in stays under 250 ms. Two
 * figures per cost: the hash alone (verifyPassword), and a whole POST /auth/login
 * against a server on an embedded database. SCRYPT_ROUNDS sign-ins per cost (default 5).
 */
const ROUNDS = Number(process.env['SCRYPT_ROUNDS'] ?? 5);
const COSTS = [14, 15, 16, 17];
const PASSWORD = 'correct horse battery staple';
const BUDGET_MS = 250;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function passwordHashBench(): Promise<BenchResult> {
  const database = await openPglite();
  const rows: string[][] = [['cost', 'hash p50 ms', 'hash max ms', 'login p50 ms', 'login max ms']];
  const figures: Record<string, { hashP50Ms: number; loginP50Ms: number; loginMaxMs: number }> = {};
  let chosen = 0;
  try {
    for (const log2N of COSTS) {
      process.env['SCRYPT_LOG2_N'] = String(log2N);
      const slug = `bench-${log2N}`;
      await createCompany(database.db, { name: slug, slug, adminEmail: `a@${slug}.test`, adminPassword: PASSWORD });
      const app = buildServer({ db: database.db, authSecret: new TextEncoder().encode('x'.repeat(32)) });
      const stored = await hashPassword(PASSWORD, log2N);
      const hashes: number[] = [];
      const logins: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        hashes.push(await timed(() => verifyPassword(PASSWORD, stored)));
        logins.push(
          await timed(async () => {
            const response = await app.inject({
              method: 'POST',
              url: '/auth/login',
              payload: { company: slug, email: `a@${slug}.test`, password: PASSWORD },
            });
            if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
          }),
        );
      }
      await app.close();
      const entry = {
        hashP50Ms: round(percentile(hashes, 50)),
        loginP50Ms: round(percentile(logins, 50)),
        loginMaxMs: round(Math.max(...logins)),
      };
      figures[`2^${log2N}`] = entry;
      if (entry.loginP50Ms <= BUDGET_MS) chosen = log2N;
      rows.push([
        `2^${log2N}`,
        String(entry.hashP50Ms),
        String(round(Math.max(...hashes))),
        String(entry.loginP50Ms),
        String(entry.loginMaxMs),
      ]);
    }
  } finally {
    delete process.env['SCRYPT_LOG2_N'];
    await database.close();
  }
  printTable(`scrypt cost per sign-in (${ROUNDS} rounds each; budget ${BUDGET_MS} ms)`, rows);
  console.log(chosen ? `Largest cost within budget: 2^${chosen}` : 'No cost within budget');
  return { passwordHash: { ...figures, largestWithinBudget: chosen ? `2^${chosen}` : null } };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
