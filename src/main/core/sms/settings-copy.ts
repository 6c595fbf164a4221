import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_QUIET_HOURS, QuietHours } from '../../../shared/sms/message';
import { SmsTemplate } from '../../../shared/sms/templates';
import type { Db } from '../db/client';
import { settings } from '../db/schema';
import { storeAsSetting, type ServerCopy } from '../sync/server-copies';

/**
 * The company's texting rules as the server last handed them out (GET /sms/settings,
 * settings key `smsSettings`): quiet hours and the templates. Signed out or before the
 * first read: the default quiet hours and no templates.
 */
const SmsRules = z.object({ quietHours: QuietHours, templates: z.array(SmsTemplate) });
type SmsRules = z.infer<typeof SmsRules>;

const SMS_SETTINGS_KEY = 'smsSettings';

export function smsRules(db: Db): SmsRules {
  const row = db.select().from(settings).where(eq(settings.key, SMS_SETTINGS_KEY)).get();
  const parsed = SmsRules.safeParse(row?.value);
  return parsed.success ? parsed.data : { quietHours: { ...DEFAULT_QUIET_HOURS }, templates: [] };
}

export const smsRulesCopy: ServerCopy<SmsRules> = {
  path: '/sms/settings',
  parse: (body) => {
    const parsed = SmsRules.safeParse(body);
    return parsed.success ? { quietHours: parsed.data.quietHours, templates: parsed.data.templates } : null;
  },
  store: storeAsSetting(SMS_SETTINGS_KEY),
  changed: { entity: 'message', ids: () => [] },
};
