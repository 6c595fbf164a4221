/**
 * CPU milliseconds of other processes on this machine, from /proc (Linux), for benches
 * that must tell whose CPU a load was: the servers', Postgres's, or the load generator's.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU ms used so far by these processes (one that has ended counts 0). */
export function processCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name: utime is the 14th and stime the 15th of the whole line.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone between listing and reading: its time is gone with it.
    }
  }
  return ticks * CLOCK_TICK_MS;
}

/** CPU ms used so far by the Postgres backends connected to `database` (Postgres on this machine). */
export async function postgresCpuMs(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1`, [
      database,
    ]);
    return processCpuMs(rows.map((row) => row.pid));
  } finally {
    await client.end();
  }
}
