import { and, eq } from 'drizzle-orm';
import type { CallRecord } from '../../../shared/domain/call';
import {
  DO_NOT_CALL_DISPOSITION,
  DO_NOT_CALL_REASON,
  doNotCallContactId,
  doNotContactFields,
} from '../../../shared/domain/do-not-contact';
import { Contact } from '../../../shared/domain/directory';
import { contacts, users } from '../../db/schema';
import type { MutationContext } from './types';
import { updateContactMutation } from './directory';

/**
 * A call's disposition became `do_not_call`: its contact is flagged do-not-contact, here
 * as on the desktop that wrapped the call up (shared rule in do-not-contact.ts), so a
 * wrap-up from any client flags the same person. A contact already flagged keeps its
 * own reason and date.
 */
export async function flagDoNotCall(mc: MutationContext, before: CallRecord, after: CallRecord, at: string) {
  if (after.outcome.dispositionCode !== DO_NOT_CALL_DISPOSITION) return;
  if (before.outcome.dispositionCode === DO_NOT_CALL_DISPOSITION) return;
  const contactId = doNotCallContactId(after);
  if (!contactId) return;
  const { companyId, userId } = mc.principal;
  const [row] = await mc.tx
    .select({ data: contacts.data })
    .from(contacts)
    .where(and(eq(contacts.companyId, companyId), eq(contacts.id, contactId)));
  const contact = Contact.safeParse(row?.data);
  if (!contact.success || contact.data.doNotContact) return;
  const [user] = await mc.tx
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
  // The same change the desktop queues at wrap-up: with the same clock it is a no-op there.
  await updateContactMutation(mc, {
    id: contactId,
    set: doNotContactFields(DO_NOT_CALL_REASON, at, user?.name ?? 'an agent'),
    at,
  });
}
