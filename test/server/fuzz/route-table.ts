import { z } from 'zod';
import { DashboardQuery } from '../../../src/server/analytics/dashboard';
import { SummaryQuery } from '../../../src/server/analytics/routes';
import { CreateUserBody, LoginBody, RefreshBody } from '../../../src/server/auth/routes';
import { CallFilters } from '../../../src/server/calls/filters';
import { ListQuery, NoteBody } from '../../../src/server/calls/routes';
import { LookupQuery } from '../../../src/server/lookup/routes';
import { RejectionsQuery } from '../../../src/server/sync/routes';
import { TwilioConnectInput } from '../../../src/server/twilio/settings';
import { Id } from '../../../src/shared/domain/primitives';
import { SlaRulesInput } from '../../../src/shared/domain/sla';
import { CompanyCallViewInput } from '../../../src/shared/api/call-table';
import { BlockNumberInput } from '../../../src/shared/domain/blocked-numbers';
import { UnblockInput } from '../../../src/server/blocked/routes';
import { PullRequest, PushRequest } from '../../../src/shared/sync/protocol';
import { SmsSettingsInput } from '../../../src/shared/sms/message';
import { SmsTemplateInput } from '../../../src/shared/sms/templates';
import { CompanySettingsInput } from '../../../src/shared/domain/company-settings';
import { CallViewParams } from '../../../src/server/calls/call-views';
import { CreateCustomerBody, CustomerListQuery, UpdateCustomerBody } from '../../../src/server/customers/routes';
import { AccountListQuery, UpdateAccountProfileBody } from '../../../src/server/customers/account-routes';
import { CustomerNoteBody } from '../../../src/server/customers/profile-writes';
import { CallSidParams } from '../../../src/server/twilio/routes-control';
import { ConferenceEvent, HoldMusicRequest } from '../../../src/server/twilio/conference-events';
import { HoldRequest, TransferRequest } from '../../../src/shared/voice/protocol';

/**
 * The server's API as a table for the fuzzer: every route, who calls it, and the zod
 * schemas of its path, query and body, taken from the routes themselves so the table
 * cannot drift from what the server parses. Twilio's webhooks are in it too: unsigned,
 * they must still answer 403, never 500, whatever the form holds. A route registered on
 * the app but missing here fails the fuzz test (registered-routes.ts), so a new one
 * cannot slip past the fuzzer.
 */
export type Caller = 'anonymous' | 'agent' | 'admin';

export interface RouteEntry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's pattern, with `:id` (or `:callSid`) filled from `params`. */
  path: string;
  caller: Caller;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  form?: boolean;
}

const IdParams = z.object({ id: Id });
const Empty = z.object({}).strict();
const TwilioForm = z.object({
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  CallSid: z.string().regex(/^CA[0-9a-f]{32}$/),
  CallStatus: z.enum(['ringing', 'in-progress', 'completed', 'busy']),
  From: z.string(),
  To: z.string(),
});

const SmsForm = z.object({
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  MessageSid: z.string().regex(/^SM[0-9a-f]{32}$/),
  MessageStatus: z.enum(['queued', 'sent', 'delivered', 'undelivered']),
  From: z.string(),
  To: z.string(),
  Body: z.string(),
});

export const routeTable: RouteEntry[] = [
  { method: 'GET', path: '/health', caller: 'anonymous' },
  { method: 'POST', path: '/auth/login', caller: 'anonymous', body: LoginBody },
  { method: 'POST', path: '/auth/refresh', caller: 'anonymous', body: RefreshBody },
  { method: 'POST', path: '/auth/logout', caller: 'anonymous', body: RefreshBody },
  { method: 'GET', path: '/me', caller: 'agent' },
  { method: 'GET', path: '/users', caller: 'agent' },
  { method: 'POST', path: '/users', caller: 'admin', body: CreateUserBody },
  { method: 'GET', path: '/calls', caller: 'agent', query: ListQuery },
  { method: 'GET', path: '/calls/:id', caller: 'agent', params: IdParams },
  { method: 'GET', path: '/calls/:id/notes', caller: 'agent', params: IdParams },
  { method: 'POST', path: '/calls/:id/notes', caller: 'agent', params: IdParams, body: NoteBody },
  { method: 'GET', path: '/calls/:id/recording', caller: 'agent', params: IdParams },
  { method: 'GET', path: '/export/calls.csv', caller: 'admin', query: CallFilters },
  { method: 'GET', path: '/lookup', caller: 'agent', query: LookupQuery },
  { method: 'GET', path: '/analytics/summary', caller: 'admin', query: SummaryQuery },
  { method: 'GET', path: '/analytics/dashboard', caller: 'admin', query: DashboardQuery },
  { method: 'GET', path: '/sync/rejections', caller: 'agent', query: RejectionsQuery },
  { method: 'POST', path: '/sync/pull', caller: 'agent', body: PullRequest },
  { method: 'POST', path: '/sync/push', caller: 'agent', body: PushRequest },
  { method: 'GET', path: '/admin/twilio', caller: 'admin' },
  { method: 'PUT', path: '/admin/twilio', caller: 'admin', body: TwilioConnectInput },
  { method: 'DELETE', path: '/admin/twilio', caller: 'admin' },
  { method: 'GET', path: '/sla-rules', caller: 'agent' },
  { method: 'PUT', path: '/admin/sla-rules', caller: 'admin', body: SlaRulesInput },
  { method: 'DELETE', path: '/admin/sla-rules', caller: 'admin' },
  { method: 'GET', path: '/call-views', caller: 'agent' },
  { method: 'PUT', path: '/call-views/:id', caller: 'admin', params: CallViewParams, body: CompanyCallViewInput },
  { method: 'DELETE', path: '/call-views/:id', caller: 'admin', params: CallViewParams },
  { method: 'GET', path: '/customers', caller: 'agent', query: CustomerListQuery },
  { method: 'POST', path: '/customers', caller: 'agent', body: CreateCustomerBody },
  { method: 'GET', path: '/customers/:id', caller: 'agent', params: IdParams },
  { method: 'PATCH', path: '/customers/:id', caller: 'agent', params: IdParams, body: UpdateCustomerBody },
  { method: 'POST', path: '/customers/:id/notes', caller: 'agent', params: IdParams, body: CustomerNoteBody },
  { method: 'GET', path: '/customer-accounts', caller: 'agent', query: AccountListQuery },
  { method: 'GET', path: '/customer-accounts/:id', caller: 'agent', params: IdParams },
  {
    method: 'PATCH',
    path: '/customer-accounts/:id',
    caller: 'agent',
    params: IdParams,
    body: UpdateAccountProfileBody,
  },
  { method: 'POST', path: '/customer-accounts/:id/notes', caller: 'agent', params: IdParams, body: CustomerNoteBody },
  { method: 'GET', path: '/blocked-numbers', caller: 'agent' },
  { method: 'POST', path: '/admin/blocked-numbers', caller: 'admin', body: BlockNumberInput },
  { method: 'POST', path: '/admin/blocked-numbers/remove', caller: 'admin', body: UnblockInput },
  { method: 'GET', path: '/company/settings', caller: 'agent' },
  { method: 'PUT', path: '/company/settings', caller: 'admin', body: CompanySettingsInput },
  { method: 'GET', path: '/voice/config', caller: 'agent' },
  { method: 'POST', path: '/voice/token', caller: 'agent' },
  { method: 'GET', path: '/voice/team', caller: 'agent' },
  { method: 'POST', path: '/voice/calls/:callSid/hold', caller: 'agent', params: CallSidParams, body: HoldRequest },
  {
    method: 'POST',
    path: '/voice/calls/:callSid/transfer',
    caller: 'agent',
    params: CallSidParams,
    body: TransferRequest,
  },
  {
    method: 'POST',
    path: '/voice/calls/:callSid/transfer/complete',
    caller: 'agent',
    params: CallSidParams,
    body: Empty,
  },
  {
    method: 'POST',
    path: '/voice/calls/:callSid/transfer/cancel',
    caller: 'agent',
    params: CallSidParams,
    body: Empty,
  },
  { method: 'POST', path: '/twilio/voice/outgoing', caller: 'anonymous', body: TwilioForm, form: true },
  { method: 'POST', path: '/twilio/voice/incoming', caller: 'anonymous', body: TwilioForm, form: true },
  { method: 'POST', path: '/twilio/voice/status', caller: 'anonymous', body: TwilioForm, form: true },
  { method: 'POST', path: '/twilio/voice/recording', caller: 'anonymous', body: TwilioForm, form: true },
  { method: 'GET', path: '/sms/settings', caller: 'agent' },
  { method: 'PUT', path: '/admin/sms/settings', caller: 'admin', body: SmsSettingsInput },
  { method: 'GET', path: '/admin/sms/templates', caller: 'admin' },
  { method: 'PUT', path: '/admin/sms/templates/:id', caller: 'admin', params: IdParams, body: SmsTemplateInput },
  { method: 'DELETE', path: '/admin/sms/templates/:id', caller: 'admin', params: IdParams },
  { method: 'POST', path: '/twilio/sms/incoming', caller: 'anonymous', body: SmsForm, form: true },
  { method: 'POST', path: '/twilio/sms/status', caller: 'anonymous', body: SmsForm, form: true },
  { method: 'POST', path: '/twilio/voice/transcription', caller: 'anonymous', body: TwilioForm, form: true },
  { method: 'POST', path: '/twilio/voice/conference', caller: 'anonymous', body: ConferenceEvent, form: true },
  { method: 'POST', path: '/twilio/voice/hold-music', caller: 'anonymous', body: HoldMusicRequest, form: true },
  { method: 'GET', path: '/twilio/hold-music.wav', caller: 'anonymous' },
];
