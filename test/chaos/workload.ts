import { dispositionsFor } from '../../src/shared/domain/disposition';
import { connectHost, HostGone, type HostClient } from './host-client';
import type { Random } from './random';

/**
 * What an agent does while the harness kills things: calls taken on the (simulated) line
 * and wrapped up, calls logged by hand, notes added, subjects edited, "sync now". Every
 * text written carries a token unique to this run, so the final check can find each
 * write on both sides and count copies.
 *
 * The ledger holds what the desktop ACKNOWLEDGED (a reply came back to the caller): those
 * must reach the server exactly once. A write whose reply never came (the host died with
 * the call in flight) may or may not have happened; if it did, it too must be there once.
 */

export interface Ledger {
  /** Calls logged by hand: id → subjects written in order (created, then edits); `acked`: index of the last acknowledged one. */
  loggedCalls: Map<string, { subjects: string[]; acked: number }>;
  /** Notes added to a call, by body: acknowledged ones. */
  notes: Map<string, { id: string; callId: string }>;
  /** Live calls wrapped up: call id → the outcome text and wrap-up notes acknowledged. */
  wrapUps: Map<string, { outcomeText: string; notes: string }>;
  /** Every token sent, acknowledged or not. */
  sent: Set<string>;
  /** Replies that were errors other than the host going away (must stay 0). */
  errors: string[];
}

export function newLedger(): Ledger {
  return { loggedCalls: new Map(), notes: new Map(), wrapUps: new Map(), sent: new Set(), errors: [] };
}

export function acknowledgedWrites(ledger: Ledger): number {
  let edits = 0;
  for (const call of ledger.loggedCalls.values()) edits += call.acked + 1;
  return edits + ledger.notes.size + ledger.wrapUps.size * 2;
}

export interface Workload {
  /** Stops after the step in flight; resolves when it has. */
  stop(): Promise<void>;
  steps(): number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startWorkload(options: {
  hostUrl: () => string | null;
  random: Random;
  runTag: string;
  ledger: Ledger;
}): Workload {
  const { random, ledger } = options;
  let counter = 0;
  const token = (kind: string) => {
    const value = `${options.runTag}-${kind}-${++counter}`;
    ledger.sent.add(value);
    return value;
  };
  const someLoggedCall = () => {
    const ids = [...ledger.loggedCalls.keys()];
    return ids.length === 0 ? null : ids[random.int(ids.length)]!;
  };
  const someCall = () => {
    const ids = [...ledger.loggedCalls.keys(), ...ledger.wrapUps.keys()];
    return ids.length === 0 ? null : ids[random.int(ids.length)]!;
  };

  /** A wrap-up left waiting (the host died after the hang-up): finish it, as the agent would after a restart. */
  const finishPendingWrapUp = async (host: HostClient) => {
    const pending = await host.invoke('wrapup.get', {});
    if (!pending) return;
    const [code] = dispositionsFor(pending.dispositions, { direction: pending.call.direction, status: 'Held' });
    if (!code) throw new Error('no disposition code to wrap up with');
    const outcomeText = token('outcome');
    const notes = token('wrapnote');
    const done = await host.invoke('wrapup.submit', {
      callId: pending.callId,
      status: 'Held',
      dispositionCode: code.code,
      outcomeText,
      notes,
      related: null,
      followUp: null,
      reason: null,
    });
    ledger.wrapUps.set(done.call.id, { outcomeText, notes });
  };

  const liveCall = async (host: HostClient) => {
    await host.invoke('dev.injectInbound', { from: `+1415555${String(1000 + random.int(9000))}` });
    await host.invoke('line.answer', {});
    await host.invoke('line.hangup', {});
    await finishPendingWrapUp(host);
  };

  const logCall = async (host: HostClient) => {
    const subject = token('call');
    const end = Date.now() - random.int(3_600_000);
    const call = await host.invoke('calls.create', {
      direction: random.int(2) === 0 ? 'Inbound' : 'Outbound',
      subject,
      status: 'Held',
      actualStart: new Date(end - 60_000 - random.int(600_000)).toISOString(),
      actualEnd: new Date(end).toISOString(),
    });
    ledger.loggedCalls.set(call.id, { subjects: [subject], acked: 0 });
  };

  const addNote = async (host: HostClient) => {
    const callId = someCall();
    if (!callId) return logCall(host);
    const body = token('note');
    const note = await host.invoke('calls.addNote', { callId, body });
    ledger.notes.set(body, { id: note.id, callId });
  };

  const editSubject = async (host: HostClient) => {
    const id = someLoggedCall();
    if (!id) return logCall(host);
    const entry = ledger.loggedCalls.get(id)!;
    const subject = token('subject');
    entry.subjects.push(subject);
    await host.invoke('calls.update', { id, subject });
    entry.acked = entry.subjects.length - 1;
  };

  const step = async (host: HostClient) => {
    await finishPendingWrapUp(host);
    const roll = random.next();
    if (roll < 0.3) await liveCall(host);
    else if (roll < 0.55) await logCall(host);
    else if (roll < 0.8) await addNote(host);
    else if (roll < 0.95) await editSubject(host);
    else await host.invoke('sync.now', {});
  };

  let stopping = false;
  let steps = 0;
  const loop = (async () => {
    let host: HostClient | null = null;
    while (!stopping) {
      const url = options.hostUrl();
      if (!url) {
        await sleep(20);
        continue;
      }
      try {
        host ??= await connectHost(url);
        await step(host);
        steps++;
        // An agent's pace, roughly: a few actions a second at most.
        await sleep(50 + random.int(150));
      } catch (error) {
        if (!(error instanceof HostGone)) {
          const message = error instanceof Error ? error.message : String(error);
          if (ledger.errors.length < 50) ledger.errors.push(message);
        }
        host?.close();
        host = null;
        await sleep(20);
      }
    }
    host?.close();
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
    },
    steps: () => steps,
  };
}
