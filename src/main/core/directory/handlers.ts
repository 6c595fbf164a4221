import { emptyProfile, type Contact, type PhoneNumber } from '../../../shared/domain/directory';
import { newCallerProfile } from '../../../shared/domain/customer';
import { newId } from '../../../shared/domain/ids';
import { normalizePhone, phoneSearchKey } from '../../../shared/domain/phone';
import type { Handlers } from '../api/dispatch';
import { getAccount, listAccounts } from '../db/repositories/accounts';
import { listCalls, type RelatedKey } from '../db/repositories/calls';
import { casesOfAccount, getCase } from '../db/repositories/cases';
import { contactsOfAccount, getContact, listContacts } from '../db/repositories/contacts';
import { searchDirectory } from '../db/repositories/directory-search';
import { getLead } from '../db/repositories/leads';
import { notesOfPerson } from '../db/repositories/notes';
import { getOpportunity, opportunitiesOfAccount } from '../db/repositories/opportunities';
import { getSettings } from '../db/repositories/settings';
import { companyRules } from '../settings/company-settings';
import { openTasksFor } from '../db/repositories/tasks';
import { CoreError } from '../errors';
import { commit } from '../sync/mutate';
import { contactCreateArgs } from '../sync/mutation-args';
import { nowIso, orNotFound, type HandlerContext } from '../handler-context';
import { doNotContactStamp } from './do-not-contact-stamp';

type DirectoryHandlers = Pick<
  Handlers,
  | 'contacts.list'
  | 'contacts.get'
  | 'contacts.create'
  | 'contacts.update'
  | 'accounts.list'
  | 'accounts.get'
  | 'leads.get'
  | 'opportunities.get'
  | 'cases.get'
  | 'directory.search'
>;

/** How many linked calls a contact or account view shows. */
const recentCallLimit = 20;

function normalizePhones(numbers: { kind: PhoneNumber['kind']; number: string }[], region: string): PhoneNumber[] {
  return numbers.map(({ kind, number }) => {
    const normalized = normalizePhone(number, region);
    if (!normalized) {
      throw new CoreError(
        'invalid_phone',
        `"${number}" is not a phone number that can be dialed. Check the digits, or add the country code (+…).`,
      );
    }
    return { kind, e164: normalized.e164, extension: normalized.extension ?? null };
  });
}

export function directoryHandlers(ctx: HandlerContext): DirectoryHandlers {
  const { db } = ctx.local;

  return {
    'contacts.list': ({ search, limit, offset }) => {
      const text = search?.trim() ?? '';
      const number = text ? phoneSearchKey(text, getSettings(db).defaultRegion) : null;
      return listContacts(db, { limit, offset, ...(text ? { search: { text, number } } : {}) });
    },

    'contacts.get': ({ id }) => {
      const contact = orNotFound(getContact(db, id), 'Contact', id);
      const self: RelatedKey = { type: 'contact', id };
      return {
        contact,
        account: contact.accountId ? getAccount(db, contact.accountId) : null,
        recentCalls: listCalls(db, {
          linkedTo: { related: [self], participantIds: [id] },
          limit: recentCallLimit,
          offset: 0,
        }).items,
        openTasks: openTasksFor(db, [self]),
        notes: notesOfPerson(db, self),
      };
    },

    'contacts.create': (input) => {
      const at = nowIso(ctx);
      const phones = normalizePhones(input.phones, getSettings(db).defaultRegion);
      if (input.accountId && !getAccount(db, input.accountId)) {
        throw new CoreError(
          'not_found',
          `Account ${input.accountId} was not found, so the contact cannot belong to it.`,
        );
      }
      const contact: Contact = {
        ...emptyProfile,
        id: newId(),
        firstName: input.firstName,
        lastName: input.lastName,
        title: input.title,
        email: input.email,
        accountId: input.accountId,
        phones,
        tags: input.tags,
        doNotContact: false,
        doNotContactReason: null,
        timeZone: input.timeZone,
        customer: input.fromCaller && companyRules(db).newCallerProfiles ? newCallerProfile() : null,
        isDemo: false,
        createdAt: at,
        updatedAt: at,
      };
      commit(ctx, [{ name: 'contact.create', args: contactCreateArgs(contact) }]);
      return orNotFound(getContact(db, contact.id), 'Contact', contact.id);
    },

    'contacts.update': (input) => {
      const stored = orNotFound(getContact(db, input.id), 'Contact', input.id);
      const next = {
        firstName: input.firstName,
        lastName: input.lastName,
        title: input.title,
        email: input.email,
        phones: normalizePhones(input.phones, getSettings(db).defaultRegion),
        tags: [...new Set(input.tags)],
        doNotContact: input.doNotContact,
        doNotContactReason: input.doNotContact ? input.doNotContactReason : null,
        ...doNotContactStamp(stored, input, { now: nowIso(ctx), ...getSettings(db) }),
      };
      // Only the fields that changed travel, so an edit here does not overwrite a field a
      // teammate changed meanwhile (the server merges contact fields one by one).
      const set = Object.fromEntries(
        Object.entries(next).filter(([field, value]) => {
          return JSON.stringify(value) !== JSON.stringify(stored[field as keyof typeof next] ?? null);
        }),
      );
      if (Object.keys(set).length > 0) {
        commit(ctx, [{ name: 'contact.update', args: { id: input.id, set, at: nowIso(ctx) } }]);
      }
      return orNotFound(getContact(db, input.id), 'Contact', input.id);
    },

    'accounts.list': (input) => listAccounts(db, input),

    'accounts.get': ({ id }) => {
      const account = orNotFound(getAccount(db, id), 'Account', id);
      const contacts = contactsOfAccount(db, id);
      const opportunities = opportunitiesOfAccount(db, id);
      const cases = casesOfAccount(db, id);
      // An account's timeline: calls about the account or anything of it, and calls
      // with its people.
      const related: RelatedKey[] = [
        { type: 'account', id },
        ...contacts.map((c): RelatedKey => ({ type: 'contact', id: c.id })),
        ...opportunities.map((o): RelatedKey => ({ type: 'opportunity', id: o.id })),
        ...cases.map((c): RelatedKey => ({ type: 'case', id: c.id })),
      ];
      return {
        account,
        contacts,
        opportunities,
        cases,
        recentCalls: listCalls(db, {
          linkedTo: { related, participantIds: contacts.map((c) => c.id) },
          limit: recentCallLimit,
          offset: 0,
        }).items,
        openTasks: openTasksFor(db, related),
      };
    },

    'leads.get': ({ id }) => orNotFound(getLead(db, id), 'Lead', id),
    'opportunities.get': ({ id }) => orNotFound(getOpportunity(db, id), 'Opportunity', id),
    'cases.get': ({ id }) => orNotFound(getCase(db, id), 'Case', id),

    'directory.search': ({ query, types, limit }) =>
      searchDirectory(db, query, types, limit, phoneSearchKey(query, getSettings(db).defaultRegion)),
  };
}
