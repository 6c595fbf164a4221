import { describe, expect, it } from 'vitest';
import { insertCall } from '../../../../src/main/core/db/repositories/calls';
import { insertNote } from '../../../../src/main/core/db/repositories/notes';
import { appendMutation } from '../../../../src/main/core/sync/append-mutation';
import { writeRecord } from '../../../../src/main/core/sync/cache-write';
import { openTestDb, sampleCall } from '../helpers';

/**
 * "The row and its outbox mutation in one transaction" is a type: repository writers and
 * appendMutation take a WriteTx, which only the write entry point (sync/mutate.ts) makes.
 * Each line below is a write outside it; `npm run typecheck` fails if any of them
 * compiles (the @ts-expect-error would then be unused).
 */
describe('WriteTx', () => {
  it('a write outside a transaction of the write entry point does not typecheck, and writes nothing', () => {
    const local = openTestDb();
    const at = '2026-03-10T14:00:00.000Z';
    const note = { id: 'n', body: 'b', callId: null, related: null, authorId: 'u', createdAt: at, isDemo: false };
    const writes = [
      // @ts-expect-error the plain drizzle store is not a WriteTx
      () => insertCall(local.db, sampleCall()),
      // @ts-expect-error a note is user data too
      () => insertNote(local.db, note),
      // @ts-expect-error the server's copy is written by pull and rebase, in their transactions
      () => writeRecord(local.db, 'calls', sampleCall()),
      // @ts-expect-error the outbox: only commit() appends to it
      () => appendMutation(local.db, 'task.setStatus', { id: 't', to: 'Done', at }),
    ];
    for (const write of writes) expect(write).toThrow();
    // The store's own handle has the same shape at run time; only the compiler stops it,
    // and that is the point: the rule does not depend on a write happening to fail.
    // @ts-expect-error the store's handle is not a WriteTx either
    const _storeHandle: Parameters<typeof insertCall>[0] = local;
    expect(local.sqlite.prepare('select count(*) as n from calls').get()).toEqual({ n: 0 });
    expect(local.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
  });
});
