import type { z } from 'zod';
import { newId } from '../../../shared/domain/ids';
import type {
  DialInput,
  DialPreview,
  LineSnapshot,
  PopMatch,
  PrepareDialInput,
  ScreenPop,
} from '../../../shared/api/line';
import type { RelatedRef } from '../../../shared/domain/call';
import { contactWindowWarning } from '../../../shared/domain/customer';
import { displayName } from '../../../shared/domain/directory';
import { normalizePhone } from '../../../shared/domain/phone';
import type { Db } from '../db/client';
import { getContact } from '../db/repositories/contacts';
import { getSettings } from '../db/repositories/settings';
import { getAccount } from '../db/repositories/accounts';
import { CoreError } from '../errors';
import type { ScreenPopLookup } from '../lookup/screen-pop';
import type { WriteContext } from '../sync/mutate';
import type { CallController } from './call-controller';
import { createLiveCallRecord, participantsFor, type Agent } from './call-records';

/**
 * Click-to-dial, from a number in the UI or a tel:/callto: link: normalise, find who
 * owns the number, apply the do-not-contact policy, and make sure one click dials once.
 *
 * Dedupe, in order, before any refusal (so a double click never shows an error for the
 * second click):
 * 1. the same requestId always gets the first answer back;
 * 2. the same number while its call is still dialing, ringing or connected, or within
 *    `dedupeWindowMs` of the dial (a link the OS delivered twice), joins that call.
 */

export interface ClickToDialDeps {
  db: Db;
  controller: CallController;
  lookup: ScreenPopLookup;
  now: () => Date;
  agent: () => Agent;
  /** What the write entry point (sync/mutate.ts) needs. */
  write: WriteContext;
  dedupeWindowMs?: number;
}

export interface ClickToDial {
  prepare(input: z.output<typeof PrepareDialInput>): DialPreview;
  dial(input: z.output<typeof DialInput>): Promise<{ callId: string; deduplicated: boolean; snapshot: LineSnapshot }>;
}

const REMEMBERED_REQUESTS = 500;

interface Target {
  preview: DialPreview;
  pop: ScreenPop;
  match: PopMatch | null;
}

export function createClickToDial(deps: ClickToDialDeps): ClickToDial {
  const windowMs = deps.dedupeWindowMs ?? 5000;
  const requests = new Map<string, string>();
  let lastDial: { e164: string; callId: string; at: number } | null = null;

  function blockedBy(): DialPreview['blockedBy'] {
    const snap = deps.controller.snapshot();
    if (snap.phase === 'wrap-up') {
      return { code: 'wrapup_pending', message: 'Save the wrap-up of the last call before dialing again.' };
    }
    if (snap.phase !== 'idle') return { code: 'line_busy', message: 'Finish the current call before dialing again.' };
    if (snap.registration !== 'registered') {
      return { code: 'line_offline', message: 'The phone line is offline. Set yourself available to go back online.' };
    }
    return null;
  }

  function resolve(number: string, contactId: string | undefined): Target {
    const settings = getSettings(deps.db);
    const dialable = normalizePhone(number, settings.defaultRegion);
    if (!dialable) {
      throw new CoreError('invalid_number', `“${number.slice(0, 64)}” is not a phone number Switchboard can dial.`);
    }
    const pop = deps.lookup.lookup(dialable.e164);
    let match: PopMatch | null = pop.matches[0] ?? null;
    let contact: DialPreview['contact'] = null;
    let account: DialPreview['account'] = null;
    if (contactId) {
      // The agent clicked this contact's number: it is the contact, whoever else shares it.
      const chosen = getContact(deps.db, contactId);
      if (!chosen) throw new CoreError('not_found', `Contact ${contactId} was not found. It may have been deleted.`);
      match = pop.matches.find((m) => m.type === 'contact' && m.id === contactId) ?? null;
      contact = { type: 'contact', id: chosen.id, name: displayName(chosen), title: chosen.title };
      const acc = chosen.accountId ? getAccount(deps.db, chosen.accountId) : null;
      account = acc ? { id: acc.id, name: acc.name } : null;
    } else if (match) {
      contact = { type: match.type, id: match.id, name: match.name, title: match.title };
      account = match.account?.id ? { id: match.account.id, name: match.account.name } : null;
    }
    // Anyone reachable on this number asked not to be contacted: the number is flagged.
    const flagged = pop.matches.find((m) => m.doNotContact) ?? null;
    const chosenDnc = contactId ? getContact(deps.db, contactId) : null;
    const doNotContact = Boolean(chosenDnc?.doNotContact) || flagged !== null;
    const reason = chosenDnc?.doNotContact ? chosenDnc.doNotContactReason : (flagged?.doNotContactReason ?? null);
    const windowsOf = contact?.type === 'contact' ? getContact(deps.db, contact.id)?.preferences.windows : undefined;
    const localTime = match?.localTime ?? pop.numberLocalTime;
    const related: RelatedRef | null = account
      ? { type: 'account', id: account.id, name: account.name }
      : contact
        ? { type: contact.type, id: contact.id, name: contact.name }
        : null;
    const preview: DialPreview = {
      e164: dialable.e164,
      extension: dialable.extension ?? null,
      numberDisplay: pop.numberDisplay,
      contact,
      account,
      doNotContact,
      doNotContactReason: doNotContact ? reason : null,
      doNotContactAction: !doNotContact ? 'none' : settings.doNotContactPolicy === 'block' ? 'blocked' : 'confirm',
      suggestedSubject: contact ? `Call with ${contact.name}` : `Call to ${pop.numberDisplay}`,
      related,
      localTime,
      autoDial: settings.autoDial,
      blockedBy: blockedBy(),
      // On the customer's own clock (their zone, else their account's, else the number's).
      contactWindowWarning: windowsOf && localTime ? contactWindowWarning(windowsOf, localTime) : null,
    };
    return { preview, pop, match };
  }

  function remember(requestId: string, callId: string): void {
    requests.set(requestId, callId);
    if (requests.size > REMEMBERED_REQUESTS) requests.delete(requests.keys().next().value!);
  }

  function duplicateOf(e164: string): string | null {
    if (!lastDial || lastDial.e164 !== e164) return null;
    const snap = deps.controller.snapshot();
    const live = snap.call?.callId === lastDial.callId && snap.phase !== 'wrap-up' && snap.phase !== 'idle';
    return live || deps.now().getTime() - lastDial.at < windowMs ? lastDial.callId : null;
  }

  return {
    prepare: ({ number, contactId }) => resolve(number, contactId).preview,

    async dial(input) {
      const seen = requests.get(input.requestId);
      if (seen) return { callId: seen, deduplicated: true, snapshot: deps.controller.snapshot() };
      const { preview, pop, match } = resolve(input.number, input.contactId);
      const duplicate = duplicateOf(preview.e164);
      if (duplicate) {
        remember(input.requestId, duplicate);
        return { callId: duplicate, deduplicated: true, snapshot: deps.controller.snapshot() };
      }
      if (preview.blockedBy) throw new CoreError(preview.blockedBy.code, preview.blockedBy.message);
      const who = preview.contact?.name ?? preview.numberDisplay;
      const why = preview.doNotContactReason ? ` Reason: ${preview.doNotContactReason}` : '';
      if (preview.doNotContactAction === 'blocked') {
        throw new CoreError('do_not_contact', `${who} must not be contacted.${why}`);
      }
      if (preview.doNotContactAction === 'confirm' && !input.confirmDoNotContact) {
        throw new CoreError(
          'do_not_contact_confirm',
          `${who} asked not to be contacted.${why} Confirm to dial anyway.`,
        );
      }

      const agent = deps.agent();
      const at = deps.now();
      const chosenMatch = input.contactId ? match : (pop.matches[0] ?? null);
      const person = chosenMatch && chosenMatch.type !== 'account' ? chosenMatch : null;
      const subject = input.subject ?? preview.suggestedSubject;
      const related = input.related ?? preview.related;
      const callId = newId();
      remember(input.requestId, callId);
      lastDial = { e164: preview.e164, callId, at: at.getTime() };
      // The call is placed first (the engine's connect leaves in dial()'s first, synchronous
      // part) and its Planned record written right after, in the same tick: the record
      // exists before any event of the call can come back from the line.
      const dialing = deps.controller.dial({
        callId,
        e164: preview.e164,
        extension: preview.extension,
        numberDisplay: preview.numberDisplay,
        subject,
        pop,
        chosen: chosenMatch ? { type: chosenMatch.type, id: chosenMatch.id } : null,
        related,
      });
      createLiveCallRecord(deps.write, {
        id: callId,
        direction: 'Outbound',
        subject,
        number: preview.e164,
        providerCallId: null,
        participants: person
          ? participantsFor(agent, person)
          : participantsFor(agent, null).concat(
              preview.contact && preview.contact.type !== 'account'
                ? [{ kind: preview.contact.type, id: preview.contact.id, role: 'attendee', name: preview.contact.name }]
                : [],
            ),
        related,
        at: at.toISOString(),
      });
      // Not awaited past the engine's answer to connect: the UI follows line.changed.
      await dialing;
      return { callId, deduplicated: false, snapshot: deps.controller.snapshot() };
    },
  };
}
