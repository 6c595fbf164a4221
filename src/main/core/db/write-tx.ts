import type { LocalDb } from './open';

declare const writeTxBrand: unique symbol;

/**
 * The handle every writer of user data takes: the local store while a write
 * transaction is open on it. Only the write entry point (sync/mutate.ts) makes one, so
 * "the row and its outbox mutation in one transaction" is checked by the compiler: a
 * repository write given the plain store does not typecheck.
 */
export type WriteTx = Pick<LocalDb, 'db' | 'sqlite'> & { readonly [writeTxBrand]: true };
