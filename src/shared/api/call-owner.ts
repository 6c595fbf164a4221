import { z } from 'zod';
import { CallRecord } from '../domain/call';
import { Id } from '../domain/primitives';
import type { ApiTable } from './table';

export const callOwnerApi = {
  'calls.setOwner': {
    input: z.object({ id: Id, ownerId: z.string().min(1, 'Choose who gets the call.').pipe(Id) }).strict(),
    output: CallRecord,
    summary: 'A supervisor or an admin gives one call to another user of the company (synced like any change).',
  },
} as const satisfies ApiTable;
