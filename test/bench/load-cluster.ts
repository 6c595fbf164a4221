/**
 * Two (LOAD_WORKERS) CRM server processes behind one port, with Node's cluster: the
 * primary holds the listening socket and hands connections to the workers in turn
 * (round-robin), the way a load balancer would spread agents over instances. Each
 * worker runs the real server entry (LOAD_SERVER_ENTRY, default src/server/main.ts)
 * with the environment it was given (PORT, HOST, DATABASE_URL, AUTH_SECRET, DB_*).
 * Prints one JSON line {"pids":[…]} once every worker listens; SIGTERM stops them all.
 * LOAD_SERVER_NODE_ARGS adds Node flags to the workers (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` to profile the servers under load; NODE_OPTIONS refuses it).
 */
import cluster from 'node:cluster';
import { resolve } from 'node:path';

const entry = resolve(process.env['LOAD_SERVER_ENTRY'] ?? 'src/server/main.ts');
const count = Number(process.env['LOAD_WORKERS'] ?? 2);

cluster.schedulingPolicy = cluster.SCHED_RR;
const extraArgs = (process.env['LOAD_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
cluster.setupPrimary({ exec: entry, execArgv: ['--import', 'tsx', ...extraArgs] });

const pids: number[] = [];
let stopping = false;
for (let i = 0; i < count; i++) {
  const worker = cluster.fork();
  worker.on('listening', () => {
    pids.push(worker.process.pid!);
    if (pids.length === count) console.log(JSON.stringify({ pids }));
  });
  worker.on('exit', (code) => {
    // A worker that dies during the run is a failed run, not something to hide by restarting it.
    if (!stopping) {
      console.error(`server worker ${worker.process.pid} exited (${code})`);
      process.exit(1);
    }
  });
}

// The primary exits once every worker has (the bench drops the database right after, and
// a worker still closing its pool would see its connections cut under it).
process.on('SIGTERM', () => {
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  let left = workers.length;
  if (left === 0) process.exit(0);
  for (const worker of workers) {
    worker.on('exit', () => {
      if (--left === 0) process.exit(0);
    });
    worker.process.kill('SIGTERM');
  }
  setTimeout(() => process.exit(0), 10_000).unref();
});
