import { join } from 'node:path';
import { customersApi } from '../../../../src/shared/api/customers';
import { lineApi as lineOnlyApi } from '../../../../src/shared/api/line';
import type { CallRecord } from '../../../../src/shared/domain/call';
import type { Account, Contact, Lead } from '../../../../src/shared/domain/directory';
import { emptyProfile } from '../../../../src/shared/domain/directory';
import { newId } from '../../../../src/shared/domain/ids';
import type { Task } from '../../../../src/shared/domain/work';
import { createLine } from '../../../../src/main/core/calls/line';
import { customerHandlers } from '../../../../src/main/core/customers/handlers';
import { getCall, insertCall } from '../../../../src/main/core/db/repositories/calls';
import { insertAccount } from '../../../../src/main/core/db/repositories/accounts';
import { insertContact } from '../../../../src/main/core/db/repositories/contacts';
import { insertLead } from '../../../../src/main/core/db/repositories/leads';
import { getLocalUserId, updateSettings } from '../../../../src/main/core/db/repositories/settings';
import { insertTask } from '../../../../src/main/core/db/repositories/tasks';
import { CoreError } from '../../../../src/main/core/errors';
import { createEventBus } from '../../../../src/main/core/events';
import type { HandlerContext } from '../../../../src/main/core/handler-context';
import { createManualScheduler } from '../../../../src/main/core/telephony/scheduler';
import { createSimulatedEngine } from '../../../../src/main/core/telephony/simulated-engine';
import type { VoiceEngine } from '../../../../src/main/core/telephony/voice-engine';
import { fixtureTx, openTestDb, tempDir } from '../helpers';

// The line and what is done on a call's customer (their profile, a visit booked on the call).
const lineApi = { ...lineOnlyApi, ...customersApi };
type LineApi = typeof lineApi;
type Name = keyof LineApi;

export const start = Date.parse('2026-03-10T14:00:00.000Z');

/**
 * The line feature on a real migrated SQLite file and a manual clock: the simulated
 * engine's timers run when the test advances time, never by sleeping. `invoke` parses
 * input and output with the API table's schemas, as the dispatcher does.
 */
export function lineHarness(
  options: { file?: string; startMs?: number; lineKind?: 'simulated' | 'twilio'; line?: VoiceEngine } = {},
) {
  const file = options.file ?? join(tempDir(), 'line.sqlite');
  const scheduler = createManualScheduler(options.startMs ?? start);
  const local = openTestDb({ file });
  const events = createEventBus();
  const received: { name: string; payload: unknown }[] = [];
  events.subscribe((name, payload) => received.push({ name, payload }));
  const now = () => new Date(scheduler.now());
  const ctx: HandlerContext = {
    local,
    events,
    now,
    options: { dataDir: tempDir(), host: 'browser', version: '0.0.0-test' },
    userId: getLocalUserId(local.db),
    wakeSync: () => {},
  };
  const simulated = createSimulatedEngine({ scheduler });
  // The simulated engine standing in for a Twilio line: what depends on the line's kind (presence).
  const engine =
    options.lineKind === 'twilio' ? ({ ...simulated, kind: 'twilio' } as unknown as typeof simulated) : simulated;
  const line = createLine(ctx, { engine: options.line ?? engine, scheduler });
  const handlers = { ...line.handlers, ...customerHandlers(ctx) };

  async function invoke<K extends Name>(
    name: K,
    input: unknown = {},
  ): Promise<import('zod').output<LineApi[K]['output']>> {
    const parsed = lineApi[name].input.parse(input);
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed);
    return lineApi[name].output.parse(value) as import('zod').output<LineApi[K]['output']>;
  }

  /** The error code a request is refused with (fails the test if it succeeds). */
  async function refusal(name: Name, input: unknown = {}): Promise<{ code: string; message: string }> {
    try {
      await invoke(name, input);
    } catch (error) {
      if (error instanceof CoreError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error(`${name} was expected to be refused`);
  }

  const at = new Date(start).toISOString();

  function addAccount(fields: Partial<Account> = {}): Account {
    const account: Account = {
      ...emptyProfile,
      id: newId(),
      name: 'Analytical Engines Ltd',
      industry: 'Computing',
      country: 'GB',
      timeZone: 'Europe/London',
      phones: [],
      isDemo: false,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    insertAccount(local.db, account);
    return account;
  }

  function addContact(fields: Partial<Contact> = {}): Contact {
    const contact: Contact = {
      ...emptyProfile,
      id: newId(),
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: 'Chief Mathematician',
      email: '',
      phones: [{ kind: 'work', e164: '+442079460001', extension: null }],
      tags: ['vip'],
      doNotContact: false,
      doNotContactReason: null,
      timeZone: null,
      accountId: null,
      isDemo: false,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    insertContact(fixtureTx(local), contact);
    return contact;
  }

  function addLead(fields: Partial<Lead> = {}): Lead {
    const lead: Lead = {
      id: newId(),
      firstName: 'Charles',
      lastName: 'Babbage',
      title: '',
      email: '',
      phones: [],
      tags: [],
      doNotContact: false,
      doNotContactReason: null,
      timeZone: null,
      company: 'Difference Engines',
      status: 'New',
      isDemo: false,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    insertLead(local.db, lead);
    return lead;
  }

  function addTask(fields: Partial<Task> = {}): Task {
    const task: Task = {
      id: newId(),
      subject: 'Send the proposal',
      dueAt: '2026-03-11T09:00:00.000Z',
      status: 'Open',
      priority: 'Normal',
      related: null,
      callId: null,
      ownerId: ctx.userId,
      isDemo: false,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    insertTask(fixtureTx(local), task);
    return task;
  }

  return {
    file,
    scheduler,
    local,
    engine,
    line,
    ctx,
    received,
    invoke,
    refusal,
    addAccount,
    addContact,
    addLead,
    addTask,
    settings: (patch: Parameters<typeof updateSettings>[1]) => updateSettings(local.db, patch),
    /** A record as a pull stores it (the server's copy). */
    addCall: (call: CallRecord) => insertCall(fixtureTx(local), call),
    call: (id: string): CallRecord => {
      const call = getCall(local.db, id);
      if (!call) throw new Error(`call ${id} not stored`);
      return call;
    },
    eventsNamed: (name: string) => received.filter((e) => e.name === name).map((e) => e.payload),
    sql: <T>(query: string, ...params: unknown[]) => local.sqlite.prepare(query).all(...params) as T[],
    close: () => {
      line.close();
      local.close();
    },
  };
}

export type LineHarness = ReturnType<typeof lineHarness>;
