import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import type { LineOptions } from '../../../../src/main/core/calls/line';
import type { CoreClock } from '../../../../src/main/core/clock';
import { createCore } from '../../../../src/main/core/create-core';
import { createMemorySecretStore, type SecretStore } from '../../../../src/main/core/sync/secret-store';
import {
  TransportError,
  type SyncTransport,
  type TransportReply,
  type TransportRequest,
} from '../../../../src/main/core/sync/transport';
import type { Core } from '../../../../src/main/core/types';
import type { SyncStatus } from '../../../../src/shared/api/sync';
import { PASSWORD, type TestServer } from '../../../server/helpers/server';
import { migrationsDir, tempDir } from '../helpers';

export const SERVER_URL = 'https://crm.test';

/** The real server without a socket: Fastify's inject, as a transport. */
export function injectTransport(server: TestServer): SyncTransport {
  return {
    async request(request: TransportRequest): Promise<TransportReply> {
      const response = await server.app.inject({
        method: request.method,
        url: request.path,
        ...(request.body !== undefined ? { payload: request.body as InjectOptions['payload'] } : {}),
        headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
      });
      return { status: response.statusCode, body: response.body === '' ? null : (response.json() as unknown) };
    },
  };
}

/** A network cable the test can pull: while unplugged every request fails like a dead network. */
export function switchable(inner: SyncTransport) {
  const cable = { online: true };
  const transport: SyncTransport = {
    async request(request) {
      if (!cable.online) throw new TransportError('The server cannot be reached.');
      return inner.request(request);
    },
  };
  return { transport, cable };
}

/** Timers that never fire: rounds run only when a test asks (runOnce), so tests are deterministic. */
export const manualTimers = { setTimeout: () => 0, clearTimeout: () => {} };

export interface Desktop {
  core: Core;
  dataDir: string;
  secrets: SecretStore;
  invoke<T = unknown>(name: string, input?: unknown): Promise<T>;
  sync(): Promise<SyncStatus>;
  close(): void;
  /** Opens the same SQLite file again (a restart), with the same secret store. */
  reopen(transport?: SyncTransport): Desktop;
}

export function openDesktop(
  transport: SyncTransport,
  options: {
    dataDir?: string;
    secrets?: SecretStore;
    pushBatch?: number;
    pullLimit?: number;
    now?: () => Date;
    /** The core's clock (a manual one for reminders). */
    clock?: CoreClock;
    seedDemo?: boolean;
    /** The phone line (a simulated one on a manual scheduler, for live calls in sync tests). */
    line?: LineOptions;
  } = {},
): Desktop {
  const dataDir = options.dataDir ?? tempDir();
  const secrets = options.secrets ?? createMemorySecretStore();
  const core = createCore({
    dataDir,
    host: 'browser',
    migrationsDir,
    version: '0.0.0-test',
    seedDemo: options.seedDemo ?? false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.line ? { line: options.line } : {}),
    sync: {
      transport,
      secrets,
      timers: manualTimers,
      engine: { pushBatch: options.pushBatch ?? 500, pullLimit: options.pullLimit ?? 1000, sliceSize: 50 },
    },
  });
  let closed = false;
  const desktop: Desktop = {
    core,
    dataDir,
    secrets,
    async invoke<T>(name: string, input: unknown = {}) {
      const reply = await core.dispatch(name, input);
      if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
      return reply.value as T;
    },
    async sync() {
      await core.sync!.runOnce();
      return core.sync!.status();
    },
    close() {
      if (!closed) core.close();
      closed = true;
    },
    reopen(next = transport) {
      desktop.close();
      return openDesktop(next, { ...options, dataDir, secrets });
    },
  };
  return desktop;
}

export async function signIn(desktop: Desktop, company: string, email: string): Promise<void> {
  await desktop.invoke('session.login', { serverUrl: SERVER_URL, company, email, password: PASSWORD });
}

export const dbFile = (desktop: Desktop) => join(desktop.dataDir, 'switchboard.sqlite');

/** Two desktops on the same server, each behind its own cable: both go offline and back together. */
export function offlinePair(server: TestServer) {
  const agentNet = switchable(injectTransport(server));
  const supervisorNet = switchable(injectTransport(server));
  return {
    agent: openDesktop(agentNet.transport),
    supervisor: openDesktop(supervisorNet.transport),
    offline() {
      agentNet.cable.online = false;
      supervisorNet.cable.online = false;
    },
    online() {
      agentNet.cable.online = true;
      supervisorNet.cable.online = true;
    },
  };
}
