import { attackBench } from './attack';
import { bulkBench } from './bulk';
import { callTableBench } from './calltable';
import { dashboardBench } from './dashboard';
import { loadBench } from './load';
import { remindersBench } from './reminders';
import { passwordHashBench } from './password-hash';
import { screenPopBench } from './screen-pop';
import { syncDirectoryBench, syncPushBench } from './sync';
import { syncCostBench } from './sync-cost';
import type { BenchResult } from './stats';
import { twilioLineBench } from './twilio-line';

/**
 * `npm run bench`: runs every registered benchmark, prints a human table for each, and
 * ENDS with one line of JSON holding every figure, e.g.
 *   {"screenPop":{"p50Ms":0.2,"p99Ms":0.6,"bareP50Ms":0.01,…}}
 * so a script can read `tail -n 1`. A later bench adds itself to `benches` and its keys
 * join the same object. `npm run bench -- screen-pop` runs only the named ones.
 *
 * A benchmark, not a test: it prints figures and CI does not run it.
 */
export const benches: Record<string, () => Promise<BenchResult>> = {
  'screen-pop': screenPopBench,
  'sync-push': syncPushBench,
  'sync-directory': syncDirectoryBench,
  'sync-cost': syncCostBench,
  'twilio-line': twilioLineBench,
  attack: attackBench,
  reminders: remindersBench,
  'password-hash': passwordHashBench,
  load: loadBench,
  bulk: bulkBench,
  calltable: callTableBench,
  dashboard: dashboardBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const figures: BenchResult = {};
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    Object.assign(figures, await run());
  }
  console.log(JSON.stringify(figures));
}

await main();
