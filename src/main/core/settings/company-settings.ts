import { eq } from 'drizzle-orm';
import type { CompanySettingsView } from '../../../shared/api/company-settings';
import { CompanySettings, DEFAULT_COMPANY_SETTINGS } from '../../../shared/domain/company-settings';
import { defaultBusinessHours, type BusinessHours } from '../../../shared/domain/triage';
import type { Handlers } from '../api/dispatch';
import type { Db } from '../db/client';
import { getSettings } from '../db/repositories/settings';
import { settings } from '../db/schema';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-context';
import { writeUnsynced } from '../sync/mutate';
import { storeAsSetting, type ServerCopy } from '../sync/server-copies';
import { replyError, type SessionManager } from '../sync/session';
import { TransportError } from '../sync/transport';

/**
 * The company's settings on this desktop (business hours, the new-caller rule): a copy
 * of GET /company/settings, read after sync rounds like the texting rules, kept in the
 * settings table under `companySettings`. Signed out or before the first read, the
 * defaults apply: Monday to Friday, 08:00 to 18:00 in the agent's own zone, and new
 * callers become customer profiles. Supervisors and admins change them here; the change
 * is made on the server and its answer replaces the copy at once.
 */

const COMPANY_SETTINGS_KEY = 'companySettings';

function storedCopy(db: Db): CompanySettings | null {
  const row = db.select().from(settings).where(eq(settings.key, COMPANY_SETTINGS_KEY)).get();
  const parsed = CompanySettings.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** The rules this desktop applies now: the company's, or the defaults where it has none. */
export function companyRules(db: Db): { businessHours: BusinessHours; newCallerProfiles: boolean; hoursSet: boolean } {
  const copy = storedCopy(db) ?? DEFAULT_COMPANY_SETTINGS;
  return {
    businessHours: copy.businessHours ?? defaultBusinessHours(getSettings(db).timeZone),
    newCallerProfiles: copy.newCallerProfiles,
    hoursSet: copy.businessHours !== null,
  };
}

export const companySettingsCopy: ServerCopy<CompanySettings> = {
  path: '/company/settings',
  parse: (body) => {
    const parsed = CompanySettings.safeParse(body);
    return parsed.success ? parsed.data : null;
  },
  store: storeAsSetting(COMPANY_SETTINGS_KEY),
  changed: { entity: 'settings', ids: () => [COMPANY_SETTINGS_KEY] },
};

/** Signed out: the company's settings are no longer this desktop's to apply. */
export function forgetCompanySettings(ctx: Pick<HandlerContext, 'local' | 'events'>): void {
  const removed = writeUnsynced(ctx.local, 'server copy', ({ db }) =>
    db.delete(settings).where(eq(settings.key, COMPANY_SETTINGS_KEY)).returning({ key: settings.key }).all(),
  );
  if (removed.length > 0) ctx.events.emit('data.changed', { entity: 'settings', ids: [COMPANY_SETTINGS_KEY] });
}

export type CompanySettingsHandlers = Pick<Handlers, 'companySettings.get' | 'companySettings.update'>;

const OFFLINE =
  'Company settings are kept on the CRM server, which cannot be reached now. Nothing was saved: try again when this desktop is back online.';

export function companySettingsHandlers(
  ctx: HandlerContext,
  session: Pick<SessionManager, 'info' | 'send'>,
): CompanySettingsHandlers {
  const view = (): CompanySettingsView => {
    const info = session.info();
    return {
      ...companyRules(ctx.local.db),
      signedIn: info.signedIn,
      canManage: info.signedIn && (info.role === 'supervisor' || info.role === 'admin'),
    };
  };

  return {
    'companySettings.get': () => view(),
    'companySettings.update': async (input) => {
      if (!view().canManage) {
        throw new CoreError(
          'forbidden',
          'Only a supervisor or an admin, signed in to the CRM server, can change the company’s settings.',
        );
      }
      let reply;
      try {
        reply = await session.send('PUT', companySettingsCopy.path, input);
      } catch (error) {
        if (error instanceof TransportError || (error instanceof CoreError && error.code === 'offline')) {
          throw new CoreError('offline', OFFLINE);
        }
        throw error;
      }
      if (reply.status !== 200) throw replyError(reply, 'The CRM server did not save the company’s settings.');
      const saved = companySettingsCopy.parse(reply.body);
      if (saved === null) {
        throw new CoreError('bad_reply', 'The CRM server answered with settings this app cannot read.');
      }
      writeUnsynced(ctx.local, 'server copy', (tx) => companySettingsCopy.store(tx, saved));
      ctx.events.emit('data.changed', { entity: 'settings', ids: [COMPANY_SETTINGS_KEY] });
      return view();
    },
  };
}
