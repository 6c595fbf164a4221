/**
 * CPU milliseconds of other processes on this machine, from /proc (Linux), for benches
 * that must tell whose CPU a load was: the servers', Postgres's, or the load generator's.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU ms used so far by this process, or undefined once it has ended. */
function cpuMsOf(pid: number): number | undefined {
  try {
    // Fields after the command name: utime is the 14th and stime the 15th of the whole line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}

/** User + system CPU ms used so far by these processes (one that has ended counts 0). */
export function processCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuMsOf(pid) ?? 0), 0);
}

/**
 * CPU ms of the Postgres backends connected to `database` since `start()`, every backend
 * counted, including those that end before `read()`: a pool closes a connection idle for
 * a while and opens another later (node-postgres after 10 s), so the backends at the end
 * are not those at the start. Reading the two ends alone lost the CPU of every backend
 * that ended in between and subtracted it instead (a minute's total came out negative).
 * So the meter looks every `everyMs` and keeps each backend's first and last figures; a
 * backend that starts and ends between two looks is missed (a few ms at most).
 */
export function postgresCpuMeter(adminUrl: string, database: string, everyMs = 500) {
  const client = new pg.Client({ connectionString: adminUrl });
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let looks = 0;

  async function look(): Promise<void> {
    const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1`, [
      database,
    ]);
    for (const { pid } of rows) {
      const ms = cpuMsOf(pid);
      if (ms === undefined) continue;
      // A backend first seen after the start began after it: all its time is in the window.
      if (!first.has(pid)) first.set(pid, looks === 0 ? ms : 0);
      last.set(pid, ms);
    }
    looks++;
  }

  const total = () => [...last].reduce((sum, [pid, ms]) => sum + ms - (first.get(pid) ?? 0), 0);

  return {
    async start(): Promise<void> {
      await client.connect();
      await look();
      timer = setInterval(() => void look().catch(() => {}), everyMs);
    },
    /** CPU ms since start(); stops looking. */
    async stop(): Promise<number> {
      clearInterval(timer);
      try {
        await look();
        return total();
      } finally {
        await client.end();
      }
    },
  };
}
