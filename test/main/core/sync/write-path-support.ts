import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { openLocalDb, type LocalDb } from '../../../../src/main/core/db/open';
import { getCall } from '../../../../src/main/core/db/repositories/calls';
import { notesOfCall } from '../../../../src/main/core/db/repositories/notes';
import { rebase } from '../../../../src/main/core/sync/rebase';
import { TransportError, type SyncTransport, type TransportRequest } from '../../../../src/main/core/sync/transport';
import { calls } from '../../../../src/server/db/schema';
import { callRecordOf } from '../../../../src/server/sync/records';
import type { CallRecord } from '../../../../src/shared/domain/call';
import {
  seedCompany,
  startTestServerForDesktops,
  type TestCompany,
  type TestServer,
} from '../../../server/helpers/server';
import { migrationsDir } from '../helpers';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createSimulatedEngine } from '../../../../src/main/core/telephony/simulated-engine';
import { dbFile, injectTransport, openDesktop, type Desktop } from './harness';

/** What the network does to the next sync round. */
export type NetMode = 'ok' | 'offline' | 'lose-reply' | 'duplicate' | 'reorder';

/**
 * A network between one desktop and the real server that can misbehave on purpose:
 * - lose-reply: the request reaches the server, its reply never comes back;
 * - duplicate: the request is delivered twice (the desktop sees the second reply);
 * - reorder: the request is held back and reaches the server only after the next one.
 */
export function unreliable(inner: SyncTransport) {
  const net = { mode: 'ok' as NetMode };
  let held: TransportRequest | null = null;
  const transport: SyncTransport = {
    async request(request) {
      if (held) {
        const late = held;
        held = null;
        const reply = await inner.request(request);
        await inner.request(late).catch(() => {});
        return reply;
      }
      // Only sync traffic misbehaves: a lost or repeated sign-in or token refresh ends the
      // session by design (refresh tokens are single-use), which is another test's subject.
      if (!request.path.startsWith('/sync/')) return inner.request(request);
      switch (net.mode) {
        case 'offline':
          throw new TransportError('The server cannot be reached.');
        case 'lose-reply':
          await inner.request(request);
          throw new TransportError('The reply was lost.');
        case 'duplicate':
          await inner.request(request);
          return inner.request(request);
        case 'reorder':
          held = request;
          throw new TransportError('The request is late.');
        case 'ok':
          return inner.request(request);
      }
    },
  };
  return { transport, net };
}

/** Every call the desktop holds, with its notes, as the UI would read them. */
export interface LocalView {
  call: CallRecord;
  notes: string[];
}

function readView(local: Pick<LocalDb, 'db' | 'sqlite'>): Map<string, LocalView> {
  const ids = local.sqlite.prepare('select id from calls order by id').all() as { id: string }[];
  const view = new Map<string, LocalView>();
  for (const { id } of ids) {
    const call = getCall(local.db, id)!;
    view.set(id, { call, notes: notesOfCall(local.db, id).map((note) => `${note.id}:${note.body}:${note.authorId}`) });
  }
  return view;
}

/**
 * The desktop's records as they are, and as a rebase would rebuild them right now: the
 * server's copy it holds (sync_base) with every waiting outbox mutation replayed on it.
 * Read through a second connection to the same file, inside a savepoint that is rolled
 * back, so the desktop itself is left untouched.
 */
export async function localAndReplayed(
  desktop: Desktop,
  userId: string,
): Promise<{ local: Map<string, LocalView>; replayed: Map<string, LocalView> }> {
  const second = openLocalDb({ file: dbFile(desktop), migrationsDir });
  try {
    const local = readView(second);
    second.sqlite.exec('savepoint replay_check');
    try {
      await rebase(second, { processedThrough: 0, userId, sliceSize: 10_000 });
      return { local, replayed: readView(second) };
    } finally {
      second.sqlite.exec('rollback to replay_check');
      second.sqlite.exec('release replay_check');
    }
  } finally {
    second.close();
  }
}

/** The server's stored copy of a call, as its pull would send it. */
export async function serverCall(server: TestServer, id: string): Promise<CallRecord | null> {
  const [row] = await server.database.db.select().from(calls).where(eq(calls.id, id));
  return row ? callRecordOf(row) : null;
}

/** What an agent sees of a call, without the bookkeeping stamps each side keeps its own way. */
export function visible(call: CallRecord) {
  return {
    id: call.id,
    subject: call.subject,
    status: call.status,
    statusReason: call.statusReason,
    actualStart: call.actualStart,
    actualEnd: call.actualEnd,
    durationSeconds: call.durationSeconds,
    outcome: call.outcome,
    related: call.related,
    participants: call.participants,
    history: call.history,
  };
}

/** The real server with one company, started once for the test file (PGlite start-up is the slow part). */
export function serverForFile(): { server: TestServer; company: TestCompany } {
  const env = {} as { server: TestServer; company: TestCompany };
  beforeAll(async () => {
    env.server = await startTestServerForDesktops();
    env.company = await seedCompany(env.server, 'acme');
  });
  afterAll(async () => env.server.close());
  return env;
}

/** A desktop with a simulated line on a manual clock, behind an unreliable network to the server. */
export function desktopWithLine(server: TestServer, startsAt: string) {
  const scheduler = createManualScheduler(Date.parse(startsAt));
  const { transport, net } = unreliable(injectTransport(server));
  const desktop = openDesktop(transport, {
    now: () => new Date(scheduler.now()),
    line: { engine: createSimulatedEngine({ scheduler }), scheduler },
  });
  return { desktop, scheduler, net };
}
