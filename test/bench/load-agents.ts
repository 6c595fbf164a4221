/**
 * Simulated agents for the load bench: each pushes one call with one note, then pulls,
 * over keep-alive HTTP on 127.0.0.1. Paced (every `intervalMs`, as a desktop syncs) or
 * closed-loop (`intervalMs` 0: the next round as soon as the last ends, which measures
 * how many mutations per second the servers can take).
 *
 * This process shares the machine's cores with the servers and Postgres, so its own CPU
 * per request is kept small and reported: bodies are written as text (no object built
 * and serialised per request), request headers are built once per agent, and of a pull's
 * answer only the cursor is read (the page itself is the servers' work, not ours).
 */
import http from 'node:http';

export interface AgentIdentity {
  token: string;
  clientId: string;
  /** Clock node name: letters, digits, - and _ only. */
  node: string;
}

export interface RunOptions {
  port: number;
  agents: readonly AgentIdentity[];
  seconds: number;
  intervalMs: number;
  /** Makes ids unique across runs against one database. */
  tag: string;
  /** CPU ms of the bench's other processes over the measured window (started at its start, stopped at its end). */
  othersCpu?: { start(): Promise<void>; stop(): Promise<{ servers: number; postgres: number }> };
  /**
   * Paced rounds before the measured window, in seconds (0: one round each). A server
   * process just started runs its code unoptimised until V8 has seen it often: measured
   * on 2026-12-02, the two servers spent about twice the CPU per round in the first
   * 6-8 s of traffic as after, and pushes queued behind it (p50 up to 550 ms in the
   * first seconds of a minute whose steady p50 was 4 ms). A call center's servers have
   * been running for hours, so the measured minute starts after this.
   */
  warmUpSeconds?: number;
  /** Runs between the warm-up and the measured window (load.ts: ANALYZE). */
  afterWarmUp?: () => Promise<void>;
}

export interface RunFigures {
  pushMs: number[];
  pullMs: number[];
  rounds: number;
  mutationsApplied: number;
  errors: number;
  /** The first few error descriptions, for the report. */
  errorSamples: string[];
  seconds: number;
  /** CPU ms over the measured window: this process (the agents), the servers, Postgres. */
  cpuMs: { agents: number; servers: number; postgres: number };
}

interface AgentState {
  mutationId: number;
  cursor: string | null;
  /** The authorization header, built once. */
  auth: string;
}

interface Reply {
  status: number;
  body: string;
}

function post(agent: http.Agent, port: number, path: string, auth: string, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          // Bodies are ASCII (ids, digits, plain words), so characters are bytes.
          'content-length': body.length,
          authorization: auth,
        },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
    request.on('error', reject);
    request.end(body);
  });
}

const hlc = (node: string, counter: number) =>
  `${String(Date.now()).padStart(15, '0')}:${String(counter % 1_000_000).padStart(6, '0')}:${node}`;

/**
 * A push of one call and one note on it, as JSON text. Every value is letters, digits,
 * `-`, `:` or `.` (ids, stamps, ISO dates), so none needs escaping; a test checks that
 * it parses to what the object form would be.
 */
export function pushBody(clientId: string, callId: string, firstId: number, node: string, at: string): string {
  return (
    `{"clientId":"${clientId}","mutations":[` +
    `{"id":${firstId},"name":"call.create","args":{"id":"${callId}","direction":"Outbound",` +
    `"subject":"Load call ${callId}","status":"Planned","at":"${at}"},"hlc":"${hlc(node, firstId)}"},` +
    `{"id":${firstId + 1},"name":"note.add","args":{"id":"${callId}-n","body":"Spoke about the renewal (${callId}).",` +
    `"callId":"${callId}","at":"${at}"},"hlc":"${hlc(node, firstId + 1)}"}]}`
  );
}

/** A pull's cursor, read without parsing the page (a cursor is ids and digits: no quote, no backslash). */
const CURSOR = /"cursor":"([^"\\]*)"/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runAgents(options: RunOptions): Promise<RunFigures> {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.agents.length + 10 });
  const figures: RunFigures = {
    pushMs: [],
    pullMs: [],
    rounds: 0,
    mutationsApplied: 0,
    errors: 0,
    errorSamples: [],
    seconds: options.seconds,
    cpuMs: { agents: 0, servers: 0, postgres: 0 },
  };
  const fail = (what: string) => {
    figures.errors++;
    if (figures.errorSamples.length < 5) figures.errorSamples.push(what.slice(0, 300));
  };
  let measuring = false;

  /** One agent's rounds from `from` until `until`; at least one round when `once`. */
  async function agentLoop(identity: AgentIdentity, index: number, from: number, until: number, once: boolean) {
    const state = states[index]!;
    // Spread the rounds over one interval, as desktops that started at different times.
    const spread = options.intervalMs > 0 ? (index / options.agents.length) * options.intervalMs : 0;
    let next = from + spread;
    do {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (!once && performance.now() >= until) break;
      await oneRound(identity, state);
      next = options.intervalMs > 0 ? Math.max(next + options.intervalMs, performance.now()) : performance.now();
    } while (!once && performance.now() < until);
  }

  async function oneRound(identity: AgentIdentity, state: AgentState) {
    const { mutationId } = state;
    const callId = `${options.tag}-${identity.node}-${mutationId + 1}`;
    const body = pushBody(identity.clientId, callId, mutationId + 1, identity.node, new Date().toISOString());
    try {
      const t0 = performance.now();
      const pushed = await post(httpAgent, options.port, '/sync/push', state.auth, body);
      if (measuring) figures.pushMs.push(performance.now() - t0);
      if (pushed.status !== 200) fail(`push ${pushed.status}: ${pushed.body}`);
      else {
        const outcomes = (JSON.parse(pushed.body) as { outcomes: { status: string }[] }).outcomes;
        const applied = outcomes.filter((outcome) => outcome.status === 'applied').length;
        if (measuring) figures.mutationsApplied += applied;
        if (applied !== 2) fail(`push outcomes: ${pushed.body}`);
        state.mutationId += 2;
      }
      const t1 = performance.now();
      const cursor = state.cursor === null ? 'null' : `"${state.cursor}"`;
      const pulled = await post(
        httpAgent,
        options.port,
        '/sync/pull',
        state.auth,
        `{"clientId":"${identity.clientId}","cursor":${cursor}}`,
      );
      if (measuring) figures.pullMs.push(performance.now() - t1);
      const next = pulled.status === 200 ? CURSOR.exec(pulled.body)?.[1] : undefined;
      if (next === undefined) fail(`pull ${pulled.status}: ${pulled.body}`);
      else state.cursor = next;
      if (measuring) figures.rounds++;
    } catch (error) {
      fail(`transport: ${(error as Error).message}`);
      // The mutation ids of a push whose answer was lost are unknown: the next push repeats them.
    }
  }

  const states: AgentState[] = options.agents.map((identity) => ({
    mutationId: 0,
    cursor: null,
    auth: `Bearer ${identity.token}`,
  }));
  // Warm-up, not measured: every agent's first round (its sync client is registered, its
  // first pull made from no cursor) and, paced, warmUpSeconds of rounds (the servers' code
  // optimised), as desktops that were already running when the measured minute starts.
  const warmUpSeconds = options.intervalMs > 0 ? (options.warmUpSeconds ?? 0) : 0;
  const warmUpAt = performance.now();
  await Promise.all(
    options.agents.map((identity, index) =>
      agentLoop(identity, index, warmUpAt, warmUpAt + warmUpSeconds * 1000, warmUpSeconds === 0),
    ),
  );
  await options.afterWarmUp?.();
  await options.othersCpu?.start();
  const cpu0 = process.cpuUsage();
  measuring = true;
  const startedAt = performance.now();
  const endAt = startedAt + options.seconds * 1000;
  await Promise.all(options.agents.map((identity, index) => agentLoop(identity, index, startedAt, endAt, false)));
  figures.seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const others = await options.othersCpu?.stop();
  figures.cpuMs = {
    agents: (cpu.user + cpu.system) / 1000,
    servers: others?.servers ?? Number.NaN,
    postgres: others?.postgres ?? Number.NaN,
  };
  httpAgent.destroy();
  return figures;
}
