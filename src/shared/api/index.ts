import { appApi } from './app';
import { callTableApi } from './call-table';
import { companyViewsApi } from './company-views';
import { blockedNumbersApi } from './blocked-numbers';
import { callReviewApi } from './call-review';
import { callOwnerApi } from './call-owner';
import { callsApi } from './calls';
import { companySettingsApi } from './company-settings';
import { dashboardApi } from './dashboard';
import { customersApi } from './customers';
import { desktopApi, diagnosticsApi } from './desktop';
import { directoryApi } from './directory';
import { filesApi } from './files';
import { lineApi } from './line';
import { missedCallsApi } from './missed-calls';
import { settingsApi } from './settings';
import { syncApi } from './sync';
import { teammatesApi } from './teammates';
import { remindersApi } from './reminders';
import { followUpsApi } from './follow-ups';
import { voiceApi } from './voice';
import { bulkApi } from './bulk';
import { tagsApi } from './tags';
import { triageApi } from './triage';
import { workApi } from './work';
import { smsApi } from './sms';
import type { ApiTable, CallerInput, HandlerInput, Output } from './table';

/**
 * The one list of what the UI may ask of the core. Each feature declares its own
 * entries; this is where they meet. The preload exposes nothing else, and the core
 * registers exactly one handler per entry (checked by the type of the handler map).
 */
export const api = {
  ...appApi,
  ...callsApi,
  ...callTableApi,
  ...companyViewsApi,
  ...directoryApi,
  ...customersApi,
  ...settingsApi,
  ...workApi,
  ...lineApi,
  ...missedCallsApi,
  ...syncApi,
  ...teammatesApi,
  ...blockedNumbersApi,
  ...companySettingsApi,
  ...callReviewApi,
  ...callOwnerApi,
  ...remindersApi,
  ...followUpsApi,
  ...voiceApi,
  ...desktopApi,
  ...diagnosticsApi,
  ...smsApi,
  ...filesApi,
  ...tagsApi,
  ...bulkApi,
  ...triageApi,
  ...dashboardApi,
} as const satisfies ApiTable;

export type Api = typeof api;
export type ApiName = keyof Api;
export type ApiInput<K extends ApiName> = CallerInput<Api, K>;
export type ApiParsedInput<K extends ApiName> = HandlerInput<Api, K>;
export type ApiOutput<K extends ApiName> = Output<Api, K>;

export const apiNames = Object.keys(api) as ApiName[];

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

export { ChangedEntity, events, type EventName, type Events } from './events';
export * from './table';
