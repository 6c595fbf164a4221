import type { TriageItem } from '../../../shared/api/triage';
import type { CallRecord } from '../../../shared/domain/call';
import { compareTriage, isAfterHours, isEmergency, triageReason } from '../../../shared/domain/triage';
import type { Handlers } from '../api/dispatch';
import { CALL_COLUMNS, prepared, toRecords, type CallRow } from '../db/repositories/call-reads';
import { NEEDS_DISPOSITION } from '../db/repositories/call-table';
import { readTags } from '../db/repositories/tags';
import type { HandlerContext } from '../handler-context';
import { companyRules } from '../settings/company-settings';
import { createScreenPopLookup } from '../lookup/screen-pop';
import { targetOf } from '../sync/targets';

type TriageHandlers = Pick<Handlers, 'triage.queue'>;

/**
 * The triage queue: finished calls still without a disposition (missed calls,
 * voicemails, the rest) and calls whose change the server refused, flagged and ordered
 * by the shared rule (shared/domain/triage.ts): emergencies first, then after-hours
 * calls (by the company's business hours), then the oldest. Each comes with its caller
 * card, as the phone shows it.
 */
export function triageHandlers(ctx: HandlerContext): TriageHandlers {
  const { sqlite, db } = ctx.local;
  const pops = createScreenPopLookup(sqlite, ctx.now);

  const refusedCallIds = (): string[] => {
    const rows = sqlite.prepare(`select name, args from sync_rejections`).all() as { name: string; args: string }[];
    const ids = new Set<string>();
    for (const row of rows) {
      const target = targetOf(row.name, JSON.parse(row.args) as unknown);
      if (target?.entity === 'calls') ids.add(target.id);
    }
    return [...ids];
  };

  return {
    'triage.queue': ({ limit }) => {
      const undecided = prepared(
        sqlite,
        `select ${CALL_COLUMNS} from calls where ${NEEDS_DISPOSITION} order by sort_at desc, seq desc limit ?`,
      ).all(limit) as CallRow[];
      const refused = refusedCallIds();
      const refusedRows = refused.length
        ? (prepared(sqlite, `select ${CALL_COLUMNS} from calls where id in (select value from json_each(?))`).all(
            JSON.stringify(refused),
          ) as CallRow[])
        : [];
      const seen = new Set<string>();
      const calls: CallRecord[] = [];
      for (const call of toRecords(sqlite, [...refusedRows, ...undecided])) {
        if (!seen.has(call.id)) calls.push(call);
        seen.add(call.id);
      }
      const refusedSet = new Set(refused);
      // The company's hours in the company's zone (or the defaults when it has none).
      const hours = companyRules(db).businessHours;
      const items: TriageItem[] = [];
      for (const call of calls) {
        const reason = triageReason({
          direction: call.direction,
          status: call.status,
          dispositionCode: call.outcome.dispositionCode,
          recordingUrl: call.recordingUrl,
          refused: refusedSet.has(call.id),
        });
        if (!reason) continue;
        const tags = readTags(sqlite, 'calls', call.id);
        const at = call.actualStart ?? call.plannedStart?.utc ?? call.createdAt;
        const number = call.direction === 'Inbound' ? call.fromNumber : call.toNumber;
        items.push({
          call,
          reason,
          emergency: isEmergency({ dispositionCode: call.outcome.dispositionCode, tags }),
          afterHours: isAfterHours(at, hours),
          tags,
          number,
          pop: number ? pops.lookup(number) : null,
        });
      }
      const when = (item: TriageItem) => item.call.actualStart ?? item.call.plannedStart?.utc ?? item.call.createdAt;
      items.sort((a, b) => compareTriage({ ...a, at: when(a) }, { ...b, at: when(b) }));
      return { items, total: items.length };
    },
  };
}
