import { describe, expect, it } from 'vitest';
import { judge, side, type CallRow, type NoteRow } from './verify';
import { newLedger } from './workload';

/** The crash harness's checker must see each kind of failure it reports (a checker that never fails proves nothing). */

function ledgerOfOneCallAndNote() {
  const ledger = newLedger();
  for (const token of ['t-call-1', 't-subject-2', 't-subject-3', 't-note-1']) ledger.sent.add(token);
  // Created, edited (acknowledged), edited again (no reply came back).
  ledger.loggedCalls.set('c1', { subjects: ['t-call-1', 't-subject-2', 't-subject-3'], acked: 1 });
  ledger.notes.set('t-note-1', { id: 'n1', callId: 'c1' });
  return ledger;
}

const call = (subject: string, id = 'c1'): CallRow => ({
  id,
  subject,
  status: 'Held',
  outcome_text: '',
  disposition_code: null,
});
const note = (id: string, body: string): NoteRow => ({ id, body, call_id: 'c1' });

describe('the chaos verdict', () => {
  it('passes when both sides hold every acknowledged write once, in its acknowledged or a later form', () => {
    const ledger = ledgerOfOneCallAndNote();
    for (const subject of ['t-subject-2', 't-subject-3']) {
      const both = side([call(subject)], [note('n1', 't-note-1')], ledger.sent);
      expect(judge(both, both, ledger)).toMatchObject({ lost: [], duplicated: [], disagree: [] });
    }
  });

  it('counts a write lost when a side is missing it or holds an edit older than the acknowledged one', () => {
    const ledger = ledgerOfOneCallAndNote();
    const complete = side([call('t-subject-2')], [note('n1', 't-note-1')], ledger.sent);
    const noNote = side([call('t-subject-2')], [], ledger.sent);
    const oldSubject = side([call('t-call-1')], [note('n1', 't-note-1')], ledger.sent);
    expect(judge(noNote, complete, ledger).lost).toHaveLength(1);
    expect(judge(complete, oldSubject, ledger).lost).toHaveLength(1);
  });

  it('counts a write duplicated when its text is stored twice, under another id', () => {
    const ledger = ledgerOfOneCallAndNote();
    const twice = side([call('t-subject-2')], [note('n1', 't-note-1'), note('n2', 't-note-1')], ledger.sent);
    expect(judge(twice, twice, ledger).duplicated).toEqual(['server: t-note-1 ×2', 'desktop: t-note-1 ×2']);
  });

  it('counts a disagreement when the two sides hold different records', () => {
    const ledger = ledgerOfOneCallAndNote();
    const server = side([call('t-subject-3')], [note('n1', 't-note-1')], ledger.sent);
    const desktop = side([call('t-subject-2')], [note('n1', 't-note-1')], ledger.sent);
    expect(judge(server, desktop, ledger)).toMatchObject({ lost: [], disagree: [expect.stringContaining('call c1')] });
  });
});
