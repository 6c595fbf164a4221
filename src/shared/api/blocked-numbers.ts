import { z } from 'zod';
import { BlockedNumber, BlockNumberInput } from '../domain/blocked-numbers';
import { E164 } from '../domain/primitives';
import type { ApiTable } from './table';

export const BlockedNumbersView = z.object({
  items: z.array(BlockedNumber),
  /** Signed in as a supervisor or admin: the list may be changed from this desktop. */
  canManage: z.boolean(),
  /** Signed in at all: without a server there is no company list to show. */
  signedIn: z.boolean(),
});
export type BlockedNumbersView = z.infer<typeof BlockedNumbersView>;

export const blockedNumbersApi = {
  'blockedNumbers.list': {
    input: z.object({}).strict(),
    output: BlockedNumbersView,
    summary:
      'The company’s blocked numbers (the local copy of the CRM server’s list) and whether this user may change it.',
  },
  'blockedNumbers.add': {
    input: BlockNumberInput,
    output: BlockedNumbersView,
    summary: 'Blocks a number (any format) on the CRM server, for the whole company; supervisors and admins only.',
  },
  'blockedNumbers.remove': {
    input: z.object({ e164: E164 }).strict(),
    output: BlockedNumbersView,
    summary: 'Unblocks a number on the CRM server; supervisors and admins only.',
  },
} as const satisfies ApiTable;
