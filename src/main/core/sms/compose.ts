import type { ComposeInfo } from '../../../shared/api/sms';
import type { RelatedRef } from '../../../shared/domain/call';
import type { Contact, Lead, PhoneNumber } from '../../../shared/domain/directory';
import { formatPhoneForDisplay, normalizePhone } from '../../../shared/domain/phone';
import { zonedNow } from '../../../shared/domain/time';
import { inQuietHours } from '../../../shared/sms/message';
import { customerZone } from '../calls/customer-zone';
import type { Db } from '../db/client';
import { getAccount } from '../db/repositories/accounts';
import { getContact } from '../db/repositories/contacts';
import { getLead } from '../db/repositories/leads';
import { lookupByE164 } from '../db/repositories/lookup';
import { optedOutKeyword } from '../db/repositories/messages';
import { getSettings } from '../db/repositories/settings';
import { smsRules } from './settings-copy';

/**
 * What the compose sheet needs to know before the agent writes: which number, whose
 * it is, their clock, the templates and what fills them, and whether this number may
 * be texted at all (the same check `sms.send` makes before it queues anything).
 */

/** `sms:+1…`, `smsto:…` and `sms://…?body=…` as the OS hands them, down to the number. */
export function numberOfSmsLink(text: string): string {
  return text
    .trim()
    .replace(/^sms(to)?:(\/\/)?/i, '')
    .replace(/[?;].*$/, '');
}

type Person = (Contact | Lead) & { kindName: 'contact' | 'lead' };

function personOf(db: Db, related: Pick<RelatedRef, 'type' | 'id'> | null): Person | null {
  if (related?.type === 'contact') {
    const contact = getContact(db, related.id);
    return contact ? { ...contact, kindName: 'contact' } : null;
  }
  if (related?.type === 'lead') {
    const lead = getLead(db, related.id);
    return lead ? { ...lead, kindName: 'lead' } : null;
  }
  return null;
}

const fullName = (p: { firstName: string; lastName: string }) => [p.firstName, p.lastName].filter(Boolean).join(' ');

/** Mobiles first: a text to a desk phone goes nowhere. */
function textableFirst(phones: PhoneNumber[]): PhoneNumber[] {
  return [...phones].sort((a, b) => Number(b.kind === 'mobile') - Number(a.kind === 'mobile'));
}

function ownerOfNumber(db: Db, e164: string): RelatedRef | null {
  const owners = lookupByE164(db, e164);
  const contact = owners.contacts[0];
  if (contact) return { type: 'contact', id: contact.id, name: fullName(contact) };
  const lead = owners.leads[0];
  if (lead) return { type: 'lead', id: lead.id, name: fullName(lead) };
  const account = owners.accounts[0];
  return account ? { type: 'account', id: account.id, name: account.name } : null;
}

export function composeInfo(
  db: Db,
  now: Date,
  target: { number?: string | undefined; related?: RelatedRef | null | undefined },
): ComposeInfo {
  const agent = getSettings(db);
  const typed = target.number ? normalizePhone(numberOfSmsLink(target.number), agent.defaultRegion)?.e164 : undefined;
  const related = target.related ?? (typed ? ownerOfNumber(db, typed) : null);
  const person = personOf(db, related);
  const phones = person?.phones ?? (related?.type === 'account' ? (getAccount(db, related.id)?.phones ?? []) : []);
  const numbers = textableFirst(phones).map((p) => ({
    e164: p.e164,
    display: formatPhoneForDisplay(p.e164),
    kind: p.kind,
  }));
  const number = typed ?? numbers[0]?.e164 ?? null;
  const zone = customerZone(db, related);
  const clock = zonedNow(zone, now.getTime());
  const rules = smsRules(db);
  return {
    number,
    numberDisplay: number ? formatPhoneForDisplay(number) : '',
    numbers,
    related,
    values: {
      ...(person ? { firstName: person.firstName, lastName: person.lastName, fullName: fullName(person) } : {}),
      agentName: agent.agentName,
    },
    zone,
    localTime: clock.label,
    quietHours: rules.quietHours,
    inQuietHours: inQuietHours(clock.local.slice(11, 16), rules.quietHours),
    blocked: blockedReason(db, number, person, target.number),
    templates: rules.templates,
  };
}

function blockedReason(db: Db, number: string | null, person: Person | null, typed: string | undefined): string | null {
  if (!number) {
    return typed ? `${typed.trim()} is not a phone number that can get texts.` : 'There is no phone number to text.';
  }
  if (person?.doNotContact) {
    const reason = person.doNotContactReason ? `: ${person.doNotContactReason}` : '';
    return `${fullName(person)} is marked do-not-contact${reason}. Texts to them are not sent.`;
  }
  const keyword = optedOutKeyword(db, number);
  if (keyword) {
    return `${formatPhoneForDisplay(number)} replied ${keyword} and opted out of texts. They can text START to opt back in.`;
  }
  return null;
}
