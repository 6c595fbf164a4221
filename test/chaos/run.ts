import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectHost, type HostClient } from './host-client';
import { buildBundles, crmServer, desktopHost, freePort, scratchDatabase, type Restartable } from './processes';
import { seededRandom } from './random';
import { verify } from './verify';
import { acknowledgedWrites, newLedger, startWorkload } from './workload';

/**
 * `npm run chaos`: the crash harness. The desktop core (browser-mode host) and the CRM
 * server are killed with SIGKILL at CHAOS_KILLS random instants (default 1,000), each
 * CHAOS_MIN_GAP_MS–CHAOS_MAX_GAP_MS (300–2,000) after the last restart came up, while an
 * agent's workload runs against the host's API socket (calls taken and wrapped up, calls
 * logged, notes, edits, "sync now"); the victim (host, server or both) is restarted each
 * time. At the end, after a final sync, every write the desktop acknowledged must be on
 * the server exactly once, and the desktop and the server must hold the same records.
 *
 *   CHAOS_KILLS=200 CHAOS_SEED=7 npm run chaos
 *
 * The server runs on a scratch database of DATABASE_URL's Postgres (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end (kept with the
 * desktop's folder when the check fails, CHAOS_KEEP=1 keeps them always). Prints the
 * kills, writes, lost, duplicated, then one JSON line; exits 1 when anything was lost,
 * duplicated or disagrees.
 *
 * Not part of `npm test`: it runs for many minutes.
 */

const kills = Number(process.env['CHAOS_KILLS'] ?? 1000);
const seed = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const minGapMs = Number(process.env['CHAOS_MIN_GAP_MS'] ?? 300);
const maxGapMs = Number(process.env['CHAOS_MAX_GAP_MS'] ?? 2000);
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FINAL_SYNC_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Syncs until nothing waits and a round after the last push has pulled; throws with the status after the timeout. */
async function finalSync(host: HostClient): Promise<void> {
  const deadline = Date.now() + FINAL_SYNC_TIMEOUT_MS;
  let settled = 0;
  for (;;) {
    const status = await host.invoke('sync.now', {});
    await sleep(500);
    const after = await host.invoke('sync.status', {});
    if (after.state === 'signed-out') throw new Error('the desktop was signed out: its session did not survive');
    // Two quiet rounds in a row: nothing waiting, no error, online.
    settled = after.pending === 0 && after.state === 'online' && status.pending === 0 ? settled + 1 : 0;
    if (settled >= 2) return;
    if (Date.now() > deadline) throw new Error(`the final sync did not finish: ${JSON.stringify(after)}`);
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(kills) || kills < 0) throw new Error(`CHAOS_KILLS must be a whole number, not ${kills}`);
  const started = performance.now();
  const killRandom = seededRandom(seed);
  const runTag = `chaos${seed}`;
  console.log(`chaos: ${kills} kills, seed ${seed}, ${minGapMs}–${maxGapMs} ms apart`);

  const bundles = await buildBundles();
  const scratch = await scratchDatabase(adminUrl);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-chaos-desktop-'));
  const server = crmServer(
    bundles.server,
    { ...process.env, DATABASE_URL: scratch.url, AUTH_SECRET: 'chaos-secret-chaos-secret-chaos-secret' },
    await freePort(),
  );
  const host = desktopHost(bundles.host, dataDir);
  let keep = process.env['CHAOS_KEEP'] === '1';
  const ledger = newLedger();
  const restartMs: number[] = [];
  const tally = { host: 0, server: 0, both: 0 };
  try {
    await server.start();
    await host.start();
    const first = await connectHost(host.url());
    await first.invoke('session.login', {
      serverUrl: server.url,
      company: scratch.account.company,
      email: scratch.account.email,
      password: scratch.account.password,
      discardPending: false,
    });
    first.close();

    const workload = startWorkload({
      hostUrl: () => (host.running() ? host.url() : null),
      random: seededRandom(seed + 1),
      runTag,
      ledger,
    });
    for (let kill = 1; kill <= kills; kill++) {
      await sleep(minGapMs + killRandom.int(maxGapMs - minGapMs + 1));
      const roll = killRandom.next();
      const victims: Restartable[] = roll < 0.45 ? [host] : roll < 0.9 ? [server] : [host, server];
      tally[victims.length === 2 ? 'both' : victims[0] === host ? 'host' : 'server']++;
      await Promise.all(victims.map((victim) => victim.kill()));
      const restartStart = performance.now();
      // The server first: a host starting finds it there, as it usually would.
      for (const victim of [server, host]) if (victims.includes(victim)) await victim.start();
      restartMs.push(performance.now() - restartStart);
      if (kill % 25 === 0 || kill === kills) {
        const minutes = (performance.now() - started) / 60_000;
        console.log(
          `  ${kill} kills (${tally.host} host, ${tally.server} server, ${tally.both} both), ${acknowledgedWrites(ledger)} writes acknowledged, ${minutes.toFixed(1)} min`,
        );
      }
    }
    await workload.stop();

    const last = await connectHost(host.url());
    await finalSync(last);
    last.close();
    await host.stop();
    await server.stop();
    const verdict = await verify({ databaseUrl: scratch.url, company: scratch.account.company, dataDir, ledger });

    const writes = acknowledgedWrites(ledger);
    const seconds = (performance.now() - started) / 1000;
    const meanRestartMs = restartMs.length ? restartMs.reduce((a, b) => a + b, 0) / restartMs.length : 0;
    console.log(`kills       ${kills} (${tally.host} host, ${tally.server} server, ${tally.both} both)`);
    console.log(
      `writes      ${writes} acknowledged (${workload.steps()} steps; server holds ${verdict.serverCalls} calls, ${verdict.serverNotes} notes)`,
    );
    console.log(`lost        ${verdict.lost.length}`);
    console.log(`duplicated  ${verdict.duplicated.length}`);
    console.log(`disagree    ${verdict.disagree.length}`);
    console.log(`unacknowledged writes that did land (allowed): ${verdict.unacknowledgedApplied}`);
    console.log(
      `desktop: ${verdict.pending} waiting, ${verdict.rejected} refused by the server; errors seen by the agent: ${ledger.errors.length}`,
    );
    console.log(`run ${(seconds / 60).toFixed(1)} min, mean restart ${Math.round(meanRestartMs)} ms`);
    for (const line of [...verdict.lost, ...verdict.duplicated, ...verdict.disagree, ...ledger.errors].slice(0, 40)) {
      console.log(`  ${line}`);
    }
    const ok =
      verdict.lost.length === 0 &&
      verdict.duplicated.length === 0 &&
      verdict.disagree.length === 0 &&
      verdict.pending === 0 &&
      verdict.rejected === 0 &&
      ledger.errors.length === 0;
    keep ||= !ok;
    console.log(
      JSON.stringify({
        chaos: {
          seed,
          kills,
          hostKills: tally.host + tally.both,
          serverKills: tally.server + tally.both,
          writes,
          lost: verdict.lost.length,
          duplicated: verdict.duplicated.length,
          disagree: verdict.disagree.length,
          unacknowledgedApplied: verdict.unacknowledgedApplied,
          rejected: verdict.rejected,
          agentErrors: ledger.errors.length,
          durationS: Math.round(seconds),
          meanRestartMs: Math.round(meanRestartMs),
          ok,
        },
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    keep = true;
    throw error;
  } finally {
    await host.kill();
    await server.kill();
    if (keep) console.error(`kept for inspection: desktop ${dataDir}, server ${scratch.url}`);
    else {
      rmSync(dataDir, { recursive: true, force: true });
      await scratch.drop();
    }
  }
}

await main();
