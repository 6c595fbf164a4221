import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCallColumns, type CallTableCursor } from '../../../../src/shared/api/call-table';
import { databaseFileName } from '../../../../src/main/core/create-core';
import { insertCall } from '../../../../src/main/core/db/repositories/calls';
import { call, fixtureTx, openTestDb, sampleCall, testCore } from '../helpers';

type Chunk = { csv: string; rows: number; next: CallTableCursor | null };

/** RFC 4180 records back into fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += c;
  }
  return records;
}

const hostile = ['=cmd|"/c calc"!A1', '+SUM(1,2)', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];

describe('export of the calls table to CSV', () => {
  it('guards every text cell of every column against formulas, quotes by RFC 4180, and pages by cursor', async () => {
    const core = testCore();
    const tx = fixtureTx(openTestDb({ file: join(core.dataDir, databaseFileName) }));
    hostile.forEach((text, i) =>
      insertCall(
        tx,
        sampleCall({
          id: `x${i}`,
          subject: `${text} subject, "quoted"\nline two`,
          direction: 'Inbound',
          status: 'Held',
          durationSeconds: 60 + i,
          outcome: { dispositionCode: text, text: '' },
          ownerId: `owner-${i}`,
          participants: [{ kind: 'contact', id: `p${i}`, role: 'attendee', name: text }],
          fromNumber: '+14155550123',
          recordingUrl: `${text}.mp3`,
        }),
      ),
    );
    const columns = [...allCallColumns];
    const parts: string[] = [];
    let after: CallTableCursor | null = null;
    let chunks = 0;
    do {
      const chunk: Chunk = await call<Chunk>(core, 'calls.exportCsv', {
        filter: {},
        sort: { column: 'when', direction: 'desc' },
        columns,
        after,
        limit: 4,
      });
      parts.push(chunk.csv);
      after = chunk.next;
      chunks++;
    } while (after);
    expect(chunks).toBe(2);
    const records = parseCsv(parts.join(''));
    expect(records[0]).toEqual([
      'When (UTC)',
      'Direction',
      'Subject',
      'With',
      'Number',
      'Status',
      'Disposition',
      'Duration (s)',
      'Owner',
      'Recording',
    ]);
    expect(records).toHaveLength(1 + hostile.length);
    for (const record of records.slice(1)) {
      for (const cell of record) {
        // A plain number (a duration, an E.164 number) cannot run; anything else starting like a formula is guarded.
        if (/^[+-]?\d+$/.test(cell)) continue;
        expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
      }
      expect(record[2]).toMatch(/ subject, "quoted"\nline two$/);
      expect(record[4]).toBe('+14155550123');
    }
    expect(
      records
        .slice(1)
        .map((r) => r[2]!.slice(0, 2))
        .sort(),
    ).toEqual(["'\t", "'\r", "'+", "'-", "'=", "'@"].sort());
  });

  it('exports only the rows picked (by hand, or all matching but some), in the view’s order, across chunks', async () => {
    const core = testCore();
    const tx = fixtureTx(openTestDb({ file: join(core.dataDir, databaseFileName) }));
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString();
      insertCall(
        tx,
        sampleCall({
          id: `p${String(i).padStart(2, '0')}`,
          subject: `=Picked ${i}`,
          direction: i % 2 === 0 ? 'Inbound' : 'Outbound',
          actualStart: at,
          createdAt: at,
        }),
      );
    }
    const exportAll = async (input: Record<string, unknown>) => {
      const parts: string[] = [];
      let after: CallTableCursor | null = null;
      do {
        const chunk: Chunk = await call<Chunk>(core, 'calls.exportCsv', {
          filter: { direction: 'Inbound' },
          sort: { column: 'when', direction: 'asc' },
          columns: ['subject', 'direction'],
          after,
          limit: 2,
          ...input,
        });
        parts.push(chunk.csv);
        after = chunk.next;
      } while (after);
      return parseCsv(parts.join(''));
    };

    // Three picked by hand, one of them not matching the filter (an Outbound call): the filter still holds.
    const picked = await exportAll({ pick: { ids: ['p08', 'p02', 'p04', 'p03'] } });
    expect(picked).toEqual([
      ['Subject', 'Direction'],
      ["'=Picked 2", 'Inbound'],
      ["'=Picked 4", 'Inbound'],
      ["'=Picked 8", 'Inbound'],
    ]);
    // All matching the filter but two unticked.
    const allBut = await exportAll({ pick: { except: ['p00', 'p10'] } });
    expect(allBut.slice(1).map((r) => r[0])).toEqual(["'=Picked 2", "'=Picked 4", "'=Picked 6", "'=Picked 8"]);
    // An empty hand pick is refused in words, not read as "everything".
    const refused = await core.dispatch('calls.exportCsv', {
      filter: {},
      sort: { column: 'when', direction: 'asc' },
      columns: ['subject'],
      pick: { ids: [] },
    });
    expect(refused).toMatchObject({ ok: false });
    expect(JSON.stringify(refused)).toContain('Select at least one call.');
  });
});
