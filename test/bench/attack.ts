import { percentile, printTable, type BenchResult } from './stats';
import { startServer, stopServer, type ServerInfo } from './sync';

/**
 * Adversarial bodies against a real server on 127.0.0.1 (its own process, PGlite), while
 * a prober measures GET /health. Bounded: ATTACK_ROUNDS bodies per attacker, four
 * attackers, and the whole run stops after 60 s whatever happens.
 *
 *  anonymous  14 MB of nested arrays to /sync/push without a token (before the fix the
 *             server read and parsed it, stalling its event loop for seconds)
 *  signed-in  a 4,000,000-item array to /sync/push with a valid token (refused by the
 *             JSON shape check before parsing)
 */
const ROUNDS = Number(process.env['ATTACK_ROUNDS'] ?? 3);
const DEADLINE_MS = 60_000;

async function probe(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${url}/health`);
  await response.arrayBuffer();
  return performance.now() - start;
}

async function signIn(info: ServerInfo): Promise<string> {
  const response = await fetch(`${info.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ company: info.company, email: info.email, password: info.password }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function attack(url: string, body: Uint8Array, token: string | null, until: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let round = 0; round < ROUNDS && performance.now() < until; round++) {
    try {
      const response = await fetch(`${url}/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
        signal: AbortSignal.timeout(Math.max(1, Math.round(until - performance.now()))),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    } catch (error) {
      if (process.env['ATTACK_DEBUG']) console.error(error);
      // The server may close the connection on an unread body; that is a refusal too.
      statuses.push(0);
    }
  }
  return statuses;
}

export async function attackBench(): Promise<BenchResult> {
  const { info, child } = await startServer(0);
  try {
    const token = await signIn(info);
    const baseline: number[] = [];
    for (let i = 0; i < 40; i++) baseline.push(await probe(info.url));

    // Encoded once, so the attackers do not stall this process (and the prober) themselves.
    const nested = Buffer.from('{"clientId":"x","mutations":' + '['.repeat(7_000_000) + ']'.repeat(7_000_000) + '}');
    const wide = Buffer.from('{"clientId":"x","mutations":[' + '0,'.repeat(4_000_000) + '0]}');
    const until = performance.now() + DEADLINE_MS;
    const attackers = Promise.all([
      attack(info.url, nested, null, until),
      attack(info.url, nested, null, until),
      attack(info.url, wide, token, until),
      attack(info.url, wide, token, until),
    ]);
    let done = false;
    void attackers.finally(() => (done = true));
    const underAttack: number[] = [];
    while (!done && performance.now() < until) underAttack.push(await probe(info.url));
    const statuses = (await attackers).flat();

    const fig = (values: number[], p: number) => Math.round(percentile(values, p) * 10) / 10;
    const result = {
      healthBaselineP50Ms: fig(baseline, 50),
      healthUnderAttackP50Ms: fig(underAttack, 50),
      healthUnderAttackP99Ms: fig(underAttack, 99),
      healthUnderAttackMaxMs: fig(underAttack, 100),
      healthProbes: underAttack.length,
      attackBodies: statuses.length,
      attackStatuses: [...new Set(statuses)].sort().join(','),
    };
    printTable('Adversarial bodies (GET /health latency while they are sent)', [
      ['figure', 'value'],
      ...Object.entries(result).map(([key, value]) => [key, String(value)]),
    ]);
    return { attack: result };
  } finally {
    await stopServer(child);
  }
}
