/**
 * Simulated agents for the load bench: each pushes one call with one note, then pulls,
 * over keep-alive HTTP on 127.0.0.1. Paced (every `intervalMs`, as a desktop syncs) or
 * closed-loop (`intervalMs` 0: the next round as soon as the last ends, which measures
 * how many mutations per second the servers can take).
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
}

interface Reply {
  status: number;
  body: string;
}

function post(agent: http.Agent, port: number, path: string, token: string, payload: unknown): Promise<Reply> {
  const body = JSON.stringify(payload);
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
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
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
  };
  const fail = (what: string) => {
    figures.errors++;
    if (figures.errorSamples.length < 5) figures.errorSamples.push(what.slice(0, 300));
  };
  let startedAt = 0;
  let endAt = Number.POSITIVE_INFINITY;
  let measuring = false;

  async function agentLoop(identity: AgentIdentity, index: number, warmUp: boolean): Promise<void> {
    const state = states[index]!;
    // Spread the rounds over one interval, as desktops that started at different times.
    const spread = options.intervalMs > 0 ? (index / options.agents.length) * options.intervalMs : 0;
    let next = (warmUp ? performance.now() : startedAt) + spread;
    while (performance.now() < endAt) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() >= endAt) break;
      await oneRound(identity, state);
      if (warmUp) return;
      next = options.intervalMs > 0 ? Math.max(next + options.intervalMs, performance.now()) : performance.now();
    }
  }

  async function oneRound(identity: AgentIdentity, state: { mutationId: number; cursor: string | null }) {
    const { mutationId } = state;
    const callId = `${options.tag}-${identity.node}-${mutationId + 1}`;
    const at = new Date().toISOString();
    const mutations = [
      {
        id: mutationId + 1,
        name: 'call.create',
        args: { id: callId, direction: 'Outbound', subject: `Load call ${callId}`, status: 'Planned', at },
        hlc: hlc(identity.node, mutationId + 1),
      },
      {
        id: mutationId + 2,
        name: 'note.add',
        args: { id: `${callId}-n`, body: `Spoke about the renewal (${callId}).`, callId, at },
        hlc: hlc(identity.node, mutationId + 2),
      },
    ];
    try {
      const t0 = performance.now();
      const pushed = await post(httpAgent, options.port, '/sync/push', identity.token, {
        clientId: identity.clientId,
        mutations,
      });
      if (measuring) figures.pushMs.push(performance.now() - t0);
      if (pushed.status !== 200) fail(`push ${pushed.status}: ${pushed.body}`);
      else {
        const outcomes = (JSON.parse(pushed.body) as { outcomes: { status: string }[] }).outcomes;
        const applied = outcomes.filter((outcome) => outcome.status === 'applied').length;
        if (measuring) figures.mutationsApplied += applied;
        if (applied !== mutations.length) fail(`push outcomes: ${pushed.body}`);
        state.mutationId += mutations.length;
      }
      const t1 = performance.now();
      const pulled = await post(httpAgent, options.port, '/sync/pull', identity.token, {
        clientId: identity.clientId,
        cursor: state.cursor,
      });
      if (measuring) figures.pullMs.push(performance.now() - t1);
      if (pulled.status !== 200) fail(`pull ${pulled.status}: ${pulled.body}`);
      else state.cursor = (JSON.parse(pulled.body) as { cursor: string }).cursor;
      if (measuring) figures.rounds++;
    } catch (error) {
      fail(`transport: ${(error as Error).message}`);
      // The mutation ids of a push whose answer was lost are unknown: the next push repeats them.
    }
  }

  const states = options.agents.map(() => ({ mutationId: 0, cursor: null as string | null }));
  // Warm-up, not measured: every agent's first round (its sync client is registered, its
  // first pull made from no cursor, the servers' code paths compiled), as desktops that
  // were already running when the measured minute starts.
  await Promise.all(options.agents.map((identity, index) => agentLoop(identity, index, true)));
  measuring = true;
  startedAt = performance.now();
  endAt = startedAt + options.seconds * 1000;
  await Promise.all(options.agents.map((identity, index) => agentLoop(identity, index, false)));
  figures.seconds = (performance.now() - startedAt) / 1000;
  httpAgent.destroy();
  return figures;
}
