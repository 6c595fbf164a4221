import type { Participant } from '../../../shared/domain/call';
import { reminderId, reminderRecipients } from '../../../shared/domain/reminder-rules';
import { reminderInstant } from '../../../shared/domain/time';
import type { Mutation } from '../sync/mutate';

/**
 * The reminders a scheduled call asks for: each offset, for the owner (the agent who
 * plans it) and for every teammate taking part, each a row of its own that reaches its
 * recipient's desktop through sync. The agent's own rows name no recipient: the server
 * takes the agent from the access token, as for everything else they create.
 */
export function reminderMutations(input: {
  callId: string;
  ownerId: string;
  participants: readonly Participant[];
  plannedUtc: string;
  offsets: readonly number[];
  at: string;
}): Mutation[] {
  const recipients = reminderRecipients(input);
  const offsets = [...new Set(input.offsets)];
  return recipients.flatMap((recipient) =>
    offsets.map((offsetMinutes): Mutation => ({
      name: 'reminder.set',
      args: {
        id: reminderId(input.callId, recipient, offsetMinutes),
        callId: input.callId,
        offsetMinutes,
        remindAt: reminderInstant(input.plannedUtc, offsetMinutes),
        ...(recipient === input.ownerId ? {} : { recipientId: recipient }),
        at: input.at,
      },
    })),
  );
}
