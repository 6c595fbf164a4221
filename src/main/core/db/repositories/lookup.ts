import type { Account, Contact, Lead } from '../../../../shared/domain/directory';
import type { Db } from '../client';
import { getAccounts } from './accounts';
import { getContacts } from './contacts';
import { getLeads } from './leads';
import { ownersOfNumber } from './phones';

export interface NumberOwners {
  contacts: Contact[];
  leads: Lead[];
  accounts: Account[];
}

/**
 * Everyone who has this number (screen pop, click-to-dial): an index point lookup on
 * phones.e164, then each owner by primary key. Several matches are normal (a company
 * switchboard number on an account and on its contacts); the agent chooses.
 */
export function lookupByE164(db: Db, e164: string): NumberOwners {
  const owners = ownersOfNumber(db, e164);
  const idsOf = (type: string) => owners.filter((o) => o.ownerType === type).map((o) => o.ownerId);
  return {
    contacts: getContacts(db, idsOf('contact')),
    leads: getLeads(db, idsOf('lead')),
    accounts: getAccounts(db, idsOf('account')),
  };
}
