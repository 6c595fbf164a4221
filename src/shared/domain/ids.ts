import { v7 as uuidv7 } from 'uuid';

/**
 * Every record is created on a desktop that may be offline, so ids are made by the
 * client. UUIDv7 starts with the creation time in milliseconds: ids sort by creation,
 * and inserts into a B-tree index stay near its end instead of scattering.
 */
export function newId(): string {
  return uuidv7();
}
