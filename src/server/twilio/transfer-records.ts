import { and, eq, isNull } from 'drizzle-orm';
import { newId } from '../../shared/domain/ids';
import type { Participant } from '../../shared/domain/call';
import type { TransferTarget } from '../../shared/voice/protocol';
import type { Tx } from '../db/database';
import { calls, notes, users } from '../db/schema';
import { participantUserIds } from '../sync/records';
import { tombstoneLostViewers } from '../calls/lost-viewers';
import { takeVersion } from '../sync/versions';
import { lockCall, twilioHlc } from './call-records';

/**
 * What a transfer does to the CRM record. There is one record per call; a transfer to a
 * colleague makes them its owner (they wrap it up and see it as theirs) and keeps the
 * first agent on it as an attendee (it stays in their log). Either way a note on the
 * call says who passed it to whom, when, and how, authored by the agent who did it.
 * Owner and participants carry Twilio's clock, like the other facts the line proves.
 */

/** The colleague a transfer may go to: an enabled user of the same company. */
export async function transferableUser(tx: Tx, companyId: string, userId: string) {
  const [user] = await tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.id, userId), isNull(users.disabledAt)));
  return user ?? null;
}

export async function noteTransfer(
  tx: Tx,
  input: {
    companyId: string;
    callId: string;
    fromUserId: string;
    target: TransferTarget;
    mode: 'cold' | 'warm';
    now: Date;
  },
): Promise<void> {
  const { companyId, callId, fromUserId, target, now } = input;
  const row = await lockCall(tx, companyId, callId);
  if (!row) return;
  const hlc = twilioHlc(now);
  let targetName = '';
  if (target.type === 'agent') {
    targetName = (await transferableUser(tx, companyId, target.userId))?.displayName ?? target.userId;
    const before = row.participants as Participant[];
    const others = before.filter((p) => !(p.kind === 'user' && (p.id === target.userId || p.id === fromUserId)));
    const participants: Participant[] = [
      { kind: 'user', id: target.userId, role: 'organizer', name: targetName },
      { kind: 'user', id: fromUserId, role: 'attendee', name: before.find((p) => p.id === fromUserId)?.name ?? '' },
      ...others,
    ];
    const version = await takeVersion(tx, companyId, hlc);
    const after = { ownerId: target.userId, participantUserIds: participantUserIds(participants) };
    await tx
      .update(calls)
      .set({
        ...after,
        participants,
        fieldHlc: { ...row.fieldHlc, ownerId: hlc, participants: hlc },
        version,
      })
      .where(and(eq(calls.companyId, companyId), eq(calls.id, callId)));
    await tombstoneLostViewers(tx, { companyId, callId, before: row, after, version, at: now });
  }
  const [from] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, fromUserId));
  const to = target.type === 'agent' ? targetName : target.number;
  await tx.insert(notes).values({
    companyId,
    id: newId(),
    body: `${input.mode === 'warm' ? 'Warm' : 'Cold'} transfer: ${from?.name ?? fromUserId} passed the call to ${to}.`,
    callId,
    authorId: fromUserId,
    createdAt: now,
    version: await takeVersion(tx, companyId, hlc),
  });
}
