import type { DialNumber } from '../../../shared/api/app';
import type { Handlers } from './dispatch';
import type { LineHandlers } from '../calls/line';
import type { SyncHandlers } from '../sync/handlers';
import type { VoiceHandlers } from '../telephony/voice-handlers';
import type { ReminderHandlers } from '../reminders/handlers';
import type { DesktopState } from '../desktop/handlers';
import type { FileSaving } from '../desktop/file-saver';
import type { BlockedNumberHandlers } from '../blocked/handlers';
import type { CompanyViewHandlers } from '../calls/company-views';
import type { CompanySettingsHandlers } from '../settings/company-settings';
import type { ReviewHandlers } from '../calls/review';
import type { BulkHandlers } from '../calls/bulk';
import type { OwnerHandlers } from '../calls/call-owner';
import type { dashboardHandlers } from '../analytics/dashboard';
import { appHandlers } from '../app/handlers';
import { callHandlers } from '../calls/handlers';
import { callTableHandlers } from '../calls/call-table-handlers';
import { customerHandlers } from '../customers/handlers';
import type { HandlerContext } from '../handler-context';
import { demoHandlers } from '../demo/handlers';
import { directoryHandlers } from '../directory/handlers';
import { teammateHandlers } from '../directory/teammates';
import { followUpHandlers } from '../follow-ups/handlers';
import { settingsHandlers } from '../settings/handlers';
import { tagHandlers } from '../tags/handlers';
import { triageHandlers } from '../triage/handlers';
import { workHandlers } from '../work/handlers';
import { smsHandlers } from '../sms/handlers';

/** Every feature's handlers in one map; `Handlers` makes a missing entry a compile error. */
export function createHandlers(
  ctx: HandlerContext,
  handleDialLink: (uri: string) => DialNumber | null,
  /** The live line's handlers (calls/line.ts), built once because they own the phone line. */
  line: LineHandlers,
  /** Session and sync (sync/handlers.ts), built with the engine they drive. */
  sync: SyncHandlers,
  /** The phone line's readiness (telephony/readiness-watch.ts). */
  voice: VoiceHandlers,
  /** Reminders (reminders/handlers.ts), built with the core's clock. */
  reminders: ReminderHandlers,
  /** The desktop app's tray, login and shortcut preferences (desktop/handlers.ts), and its save dialog (desktop/file-saver.ts). */
  desktop: DesktopState['handlers'] & FileSaving['handlers'],
  /** The company's blocked numbers (blocked/handlers.ts), changed through the CRM server. */
  blocked: BlockedNumberHandlers,
  /** The company's settings (settings/company-settings.ts), changed through the CRM server. */
  companySettings: CompanySettingsHandlers,
  /** Call review by supervisors (calls/review.ts), who may review depends on the session. */
  review: ReviewHandlers,
  /** The dashboard (analytics/dashboard.ts), built with the session that asks the server for team figures. */
  dashboard: ReturnType<typeof dashboardHandlers>,
  /** The company's shared views of the calls table (calls/company-views.ts), changed through the CRM server. */
  companyViews: CompanyViewHandlers,
  /** Bulk actions on calls (calls/bulk.ts) and one call's owner (calls/call-owner.ts): changing owners depends on the session's role. */
  owners: BulkHandlers & OwnerHandlers,
): Handlers {
  return {
    ...appHandlers(ctx, handleDialLink),
    ...callHandlers(ctx),
    ...callTableHandlers(ctx),
    ...directoryHandlers(ctx),
    ...customerHandlers(ctx),
    ...teammateHandlers(ctx),
    ...settingsHandlers(ctx),
    ...demoHandlers(ctx),
    ...workHandlers(ctx),
    ...tagHandlers(ctx),
    ...triageHandlers(ctx),
    ...followUpHandlers(ctx),
    ...smsHandlers(ctx),
    ...line,
    ...sync,
    ...voice,
    ...reminders,
    ...desktop,
    ...blocked,
    ...companySettings,
    ...review,
    ...dashboard,
    ...companyViews,
    ...owners,
  };
}
