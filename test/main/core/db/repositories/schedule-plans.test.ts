import { describe, expect, it } from 'vitest';
import { listCalls } from '../../../../../src/main/core/db/repositories/calls';
import { nextPendingReminder } from '../../../../../src/main/core/db/repositories/reminders';
import { fixtureDb } from '../../helpers';

/**
 * The query plans behind the reminders bench (test/bench/reminders.ts): the statements
 * the repositories really send are captured and explained, so a changed query shape or a
 * dropped index fails here, before the bench has to find it at 100,000 rows.
 */
function captured(local: ReturnType<typeof fixtureDb>, run: () => void): string[] {
  const seen: string[] = [];
  const prepare = local.sqlite.prepare.bind(local.sqlite);
  local.sqlite.prepare = ((source: string) => {
    seen.push(source);
    return prepare(source);
  }) as typeof local.sqlite.prepare;
  try {
    run();
  } finally {
    local.sqlite.prepare = prepare;
  }
  return seen;
}

function planOf(local: ReturnType<typeof fixtureDb>, statement: string): string {
  // The plan is made before values are bound, so placeholders stand in as nulls.
  const holes = (statement.match(/\?/g) ?? []).length;
  const plan = local.sqlite.prepare(`explain query plan ${statement}`).all(...Array<null>(holes).fill(null)) as {
    detail: string;
  }[];
  return plan.map((p) => p.detail).join(' | ');
}

describe('schedule and reminder query plans', () => {
  it("the Schedule view's week is one range seek on (status, planned_utc), in index order, counted from the index", () => {
    const local = fixtureDb();
    const [page, count] = captured(local, () =>
      listCalls(local.db, {
        status: ['Planned'],
        sort: 'planned',
        plannedFrom: '2027-02-01T05:00:00.000Z',
        plannedTo: '2027-02-08T05:00:00.000Z',
        limit: 50,
        offset: 0,
      }),
    );
    expect(planOf(local, page!)).toMatch(
      /^SEARCH calls USING INDEX calls_status_planned_idx \(status=\? AND planned_utc>\? AND planned_utc<\?\)$/,
    );
    expect(planOf(local, page!)).not.toMatch(/TEMP B-TREE/);
    expect(planOf(local, count!)).toMatch(/SEARCH calls USING COVERING INDEX calls_status_planned_idx/);
  });

  it('the next pending reminder is two seeks on the partial pending index, never a scan', () => {
    const local = fixtureDb();
    const [statement] = captured(local, () => nextPendingReminder(local.db, 'u1'));
    const plan = planOf(local, statement!);
    expect(
      plan.match(/SEARCH reminders USING INDEX reminders_recipient_pending_idx \(recipient_id=\?\)/g),
    ).toHaveLength(2);
    expect(plan).not.toMatch(/SCAN reminders/);
  });
});
