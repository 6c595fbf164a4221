import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Ledger } from './workload';

/**
 * The final check, after the last sync, with both processes stopped cleanly: reads the
 * server's Postgres and the desktop's SQLite file directly (no API in between that could
 * hide a copy) and compares them with the ledger of acknowledged writes.
 */

export interface CallRow {
  id: string;
  subject: string;
  status: string;
  outcome_text: string;
  disposition_code: string | null;
}
export interface NoteRow {
  id: string;
  body: string;
  call_id: string | null;
}
export interface Side {
  calls: Map<string, CallRow>;
  notes: Map<string, NoteRow>;
  /** Rows per token-bearing text, to count copies written under another id. */
  copies: Map<string, number>;
}

export interface Verdict {
  lost: string[];
  duplicated: string[];
  /** Records where the desktop and the server differ. */
  disagree: string[];
  /** Writes that never got a reply but did happen (allowed; reported for interest). */
  unacknowledgedApplied: number;
  serverCalls: number;
  serverNotes: number;
}

export function side(calls: CallRow[], notes: NoteRow[], sent: Set<string>): Side {
  const copies = new Map<string, number>();
  const count = (text: string) => {
    if (sent.has(text)) copies.set(text, (copies.get(text) ?? 0) + 1);
  };
  for (const call of calls) {
    count(call.subject);
    count(call.outcome_text);
  }
  for (const note of notes) count(note.body);
  return {
    calls: new Map(calls.map((row) => [row.id, row])),
    notes: new Map(notes.map((row) => [row.id, row])),
    copies,
  };
}

async function serverSide(databaseUrl: string, company: string, sent: Set<string>): Promise<Side> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select id from companies where slug = $1', [company]);
    const companyId = rows[0]!.id;
    const calls = await client.query<CallRow>(
      'select id, subject, status, outcome_text, disposition_code from calls where company_id = $1',
      [companyId],
    );
    const notes = await client.query<NoteRow>('select id, body, call_id from notes where company_id = $1', [companyId]);
    return side(calls.rows, notes.rows, sent);
  } finally {
    await client.end();
  }
}

function desktopSide(dataDir: string, sent: Set<string>): Side & { pending: number; rejected: number } {
  const sqlite = new Database(path.join(dataDir, 'switchboard.sqlite'), { readonly: true });
  try {
    const calls = sqlite
      .prepare('select id, subject, status, outcome_text, disposition_code from calls')
      .all() as CallRow[];
    const notes = sqlite.prepare('select id, body, call_id from notes').all() as NoteRow[];
    const pending = (
      sqlite
        .prepare(
          'select count(*) as n from outbox where mutation_id > (select last_mutation_id_confirmed from sync_state)',
        )
        .get() as { n: number }
    ).n;
    const rejected = (sqlite.prepare('select count(*) as n from sync_rejections').get() as { n: number }).n;
    return { ...side(calls, notes, sent), pending, rejected };
  } finally {
    sqlite.close();
  }
}

/** Checks one side against the ledger: every acknowledged write present, in its last acknowledged (or a later) form, once. */
function checkLedger(name: string, data: Side, ledger: Ledger, lost: string[]): void {
  for (const [id, call] of ledger.loggedCalls) {
    const row = data.calls.get(id);
    if (!row) lost.push(`${name}: logged call ${id} (${call.subjects[0]}) missing`);
    else if (!call.subjects.slice(call.acked).includes(row.subject)) {
      lost.push(`${name}: call ${id} has subject ${row.subject}, acknowledged ${call.subjects[call.acked]}`);
    }
  }
  for (const [body, note] of ledger.notes) {
    if (data.notes.get(note.id)?.body !== body) lost.push(`${name}: note ${note.id} (${body}) missing`);
  }
  for (const [callId, wrapUp] of ledger.wrapUps) {
    const row = data.calls.get(callId);
    if (!row || row.status !== 'Held' || row.outcome_text !== wrapUp.outcomeText) {
      lost.push(`${name}: wrap-up of call ${callId} (${wrapUp.outcomeText}) missing: ${JSON.stringify(row)}`);
    }
    if (!data.copies.has(wrapUp.notes)) lost.push(`${name}: wrap-up note ${wrapUp.notes} missing`);
  }
}

function same(a: object | undefined, b: object | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The verdict on one run: what the ledger says was acknowledged, against what each side holds. */
export function judge(server: Side, desktop: Side, ledger: Ledger): Verdict {
  const lost: string[] = [];
  checkLedger('server', server, ledger, lost);
  checkLedger('desktop', desktop, ledger, lost);

  const duplicated: string[] = [];
  for (const [where, data] of [
    ['server', server],
    ['desktop', desktop],
  ] as const) {
    for (const [text, n] of data.copies) if (n > 1) duplicated.push(`${where}: ${text} ×${n}`);
  }

  const disagree: string[] = [];
  const compare = <T extends object>(kind: string, a: Map<string, T>, b: Map<string, T>) => {
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      if (!same(a.get(id), b.get(id))) {
        disagree.push(`${kind} ${id}: server ${JSON.stringify(a.get(id))} desktop ${JSON.stringify(b.get(id))}`);
      }
    }
  };
  compare('call', server.calls, desktop.calls);
  compare('note', server.notes, desktop.notes);

  const acknowledgedTexts = new Set<string>([
    ...[...ledger.loggedCalls.values()].flatMap((call) => call.subjects.slice(0, call.acked + 1)),
    ...ledger.notes.keys(),
    ...[...ledger.wrapUps.values()].flatMap((w) => [w.outcomeText, w.notes]),
  ]);
  const unacknowledgedApplied = [...server.copies.keys()].filter((text) => !acknowledgedTexts.has(text)).length;
  return {
    lost,
    duplicated,
    disagree,
    unacknowledgedApplied,
    serverCalls: server.calls.size,
    serverNotes: server.notes.size,
  };
}

export async function verify(options: {
  databaseUrl: string;
  company: string;
  dataDir: string;
  ledger: Ledger;
}): Promise<Verdict & { pending: number; rejected: number }> {
  const server = await serverSide(options.databaseUrl, options.company, options.ledger.sent);
  const desktop = desktopSide(options.dataDir, options.ledger.sent);
  return { ...judge(server, desktop, options.ledger), pending: desktop.pending, rejected: desktop.rejected };
}
