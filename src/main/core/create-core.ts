import { join } from 'node:path';
import { createDispatch } from './api/dispatch';
import { createLine } from './calls/line';
import { openLocalDb, type LocalDb } from './db/open';
import { getLocalUserId, getSettings } from './db/repositories/settings';
import { seedDemoIfFirstStart } from './demo/seed';
import { createEventBus } from './events';
import { createDialLinkHandler } from './app/handlers';
import { teammatesCopy } from './directory/teammates';
import { blockedNumbersCopy, blockedNumberHandlers } from './blocked/handlers';
import { reviewHandlers } from './calls/review';
import { bulkHandlers } from './calls/bulk';
import { ownerHandlers } from './calls/call-owner';
import { slaRulesCopy } from './follow-ups/handlers';
import { smsRulesCopy } from './sms/settings-copy';
import { companySettingsCopy, companySettingsHandlers, forgetCompanySettings } from './settings/company-settings';
import { watchInboundTexts } from './sms/inbound-alerts';
import { companyViewHandlers, companyViewsCopy } from './calls/company-views';
import { createServerCopiesRefresh } from './sync/server-copies';
import { systemClock, type CoreClock } from './clock';
import { reminderHandlers } from './reminders/handlers';
import { createReminderScheduler } from './reminders/scheduler';
import type { HandlerContext } from './handler-context';
import { createHandlers } from './api/handlers';
import { dropQueuedDemoChanges } from './sync/demo-scope';
import { createSyncEngine } from './sync/engine';
import { systemScheduler } from './telephony/scheduler';
import { assessReadiness } from './telephony/readiness';
import { createReadinessWatch } from './telephony/readiness-watch';
import { createAudioWatch } from './telephony/audio-watch';
import { voiceHandlers } from './telephony/voice-handlers';
import { createVoiceLine, teamFor } from './telephony/voice-line';
import { syncHandlers } from './sync/handlers';
import { createDesktopState } from './desktop/handlers';
import { createFileSaving } from './desktop/file-saver';
import { createDiagnostics } from './desktop/diagnostics';
import { createFileSecretStore, createMemorySecretStore } from './sync/secret-store';
import { createSessionManager } from './sync/session';
import { createRecordingSource } from './calls/recordings';
import { dashboardHandlers } from './analytics/dashboard';
import { createWorkerPull, sourceWorkerEntry, type WorkerPull } from './sync/pull-in-worker';
import { createWorkerFactsSweep } from './sync/facts-in-worker';
import type { FactsSweep } from './sync/number-facts-fill';
import type { SessionManager } from './sync/session';
import { createHttpTransport, type SyncTransport } from './sync/transport';
import type { Core, CoreOptions, SyncOptions } from './types';

export const databaseFileName = 'switchboard.sqlite';
/** Browser mode's session secret (Electron keeps it with safeStorage instead). */
export const sessionFileName = 'session.secret';

/**
 * The composition root: opens and migrates the local store, seeds the demo on a first
 * start, wires the handlers to the dispatcher. It holds no logic of its own.
 */
export function createCore(options: CoreOptions): Core {
  const clock: CoreClock = options.clock ?? { ...systemClock(), ...(options.now ? { now: options.now } : {}) };
  const now = options.now ?? (() => clock.now());
  const local = openLocalDb({
    file: join(options.dataDir, databaseFileName),
    migrationsDir: options.migrationsDir,
    appVersion: options.version,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const userId = getLocalUserId(local.db);
    if (options.seedDemo !== false) {
      seedDemoIfFirstStart(local, { now: now(), userId, agentName: getSettings(local.db).agentName });
    }
    // Demo edits queued by builds before they were kept local would only come back refused.
    dropQueuedDemoChanges(local);
    const ctx: HandlerContext = {
      local,
      events: createEventBus(),
      now,
      options: { dataDir: options.dataDir, host: options.host, version: options.version },
      userId,
      // Rung once the sync engine exists (below); a write before that waits for its first round.
      wakeSync: () => {},
    };
    const handleDialLink = createDialLinkHandler(ctx);
    // Sync with the CRM server: idle until someone signs in; everything works locally meanwhile.
    const syncOptions = options.sync ?? {};
    const transport = syncOptions.transport ?? createHttpTransport();
    const session = createSessionManager({
      local,
      transport,
      secrets:
        syncOptions.secrets ??
        (options.host === 'browser'
          ? createFileSecretStore(join(options.dataDir, sessionFileName))
          : createMemorySecretStore()),
      now,
      defaultServerUrl: syncOptions.defaultServerUrl,
    });
    // The phone line: the company's (Twilio or simulated, see telephony/line-selection.ts)
    // unless a test passes an engine of its own.
    const lineScheduler = options.line?.scheduler ?? systemScheduler();
    // The agent's devices on this machine: desktop settings, never synced.
    const audioChoice = () => {
      const settings = getSettings(local.db);
      return {
        microphone: settings.microphoneDeviceId,
        speaker: settings.speakerDeviceId,
        ringer: settings.ringerDeviceId,
      };
    };
    const voice = options.line?.engine
      ? null
      : createVoiceLine({
          session,
          scheduler: lineScheduler,
          ...(options.voice ? { options: options.voice } : {}),
          audioChoice,
          log: (message) => console.log(message),
        });
    const line = createLine(
      ctx,
      voice
        ? {
            engine: voice.selection.engine,
            simulated: () => (voice.selection.engine.kind === 'simulated' ? voice.selection.simulated : null),
          }
        : options.line,
    );
    ctx.lineKind = () => line.engine.kind;
    const engine = createSyncEngine({
      local,
      session,
      events: ctx.events,
      now,
      userId: () => ctx.userId,
      ...(syncOptions.timers ? { timers: syncOptions.timers } : {}),
      ...(syncOptions.random ? { random: syncOptions.random } : {}),
      ...(syncOptions.engine ? { options: syncOptions.engine } : {}),
      onInternalError: (error) => console.error('[core] sync failed:', error),
      ...(workerPullFor(syncOptions, transport, local, session) ?? {}),
    });
    // Every user-facing write goes through commit(), which rings this after its transaction.
    ctx.wakeSync = () => engine.localWrite();
    const sync = syncHandlers({
      local,
      session,
      engine,
      events: ctx.events,
      userId: () => ctx.userId,
      setUserId: (id) => {
        ctx.userId = id;
      },
    });
    const readiness = voice
      ? createReadinessWatch({
          selection: voice.selection,
          events: ctx.events,
          scheduler: lineScheduler,
          sync: () => {
            const status = engine.status();
            return { pending: status.pending, offline: status.state === 'offline' || status.state === 'error' };
          },
        })
      : null;
    const audioWatch = voice
      ? createAudioWatch({ selection: voice.selection, events: ctx.events, choice: audioChoice })
      : null;
    const diagnostics = createDiagnostics({
      events: ctx.events,
      host: ctx.options,
      now,
      // Read when asked, through the same table as the UI (dispatch exists by then).
      ask: (name, input) => dispatch(name, input),
    });
    const desktop = createDesktopState(ctx, diagnostics.handlers);
    const files = createFileSaving();
    const dispatch = createDispatch(
      createHandlers(
        ctx,
        handleDialLink,
        line.handlers,
        sync,
        voiceHandlers({
          readiness: () =>
            readiness
              ? readiness.current()
              : assessReadiness({
                  line: line.engine.kind,
                  registration: line.engine.registrationState(),
                  twilio: null,
                  syncPending: 0,
                  syncOffline: false,
                  now: ctx.now().getTime(),
                }),
          twilio: () => voice?.selection.twilio() ?? null,
          choice: audioChoice,
          now,
          team: () => teamFor(session),
        }),
        reminderHandlers(ctx, clock),
        { ...desktop.handlers, ...files.handlers },
        blockedNumberHandlers(ctx, session),
        companySettingsHandlers(ctx, session),
        reviewHandlers(ctx, session),
        dashboardHandlers(ctx, session),
        companyViewHandlers(ctx, session),
        { ...bulkHandlers(ctx, session), ...ownerHandlers(ctx, session) },
      ),
      {
        onInternalError: (name, error) => console.error(`[core] ${name} failed:`, error),
      },
    );
    engine.sessionChanged();
    // Reminders ring from here on; those due while the app was closed are announced once.
    const reminderScheduler = createReminderScheduler({ ctx, clock });
    const unwatchTexts = watchInboundTexts({ local, events: ctx.events });
    // After the host has subscribed to the core's events (it does as soon as this returns),
    // so the OS notification for reminders due while the app was closed is not lost.
    setImmediate(() => reminderScheduler.arm());
    // Signing in or out can change the line: ask the server which one the company uses.
    // At start, ask after the first sync round, not beside it: two requests racing to
    // renew an expired access token would spend the same refresh token twice.
    let lineChecked = false;
    const serverCopies = createServerCopiesRefresh({ ctx, session, now }, [
      teammatesCopy,
      slaRulesCopy,
      smsRulesCopy,
      companySettingsCopy,
      companyViewsCopy,
      blockedNumbersCopy,
    ]);
    const unsubscribeSession = ctx.events.subscribe((name) => {
      if (name === 'sync.changed' || name === 'session.changed') void serverCopies.syncRan();
      // Signed out, the company's settings no longer apply here: the defaults do.
      if (name === 'session.changed' && !session.info().signedIn) forgetCompanySettings(ctx);
      if (name === 'session.changed' || (name === 'sync.changed' && !lineChecked)) {
        lineChecked = true;
        void voice?.selection.refresh();
      }
    });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribeSession();
      serverCopies.close();
      diagnostics.close();
      reminderScheduler.close();
      unwatchTexts();
      readiness?.close();
      audioWatch?.close();
      void engine.close();
      line.close();
      local.close();
    };
    return {
      dispatch,
      events: ctx.events,
      handleDialLink,
      setShortcutReport: desktop.setShortcutReport,
      setFileSaver: files.setFileSaver,
      sync: engine,
      recording: createRecordingSource({ db: local.db, session }),
      ...(voice
        ? {
            voiceHost: voice.link,
            ...(options.voice?.signalingHost ? { voiceSignalingHost: options.voice.signalingHost } : {}),
            systemResumed: () => {
              voice.selection.twilio()?.systemResumed();
              reminderScheduler.arm();
            },
          }
        : { systemResumed: () => reminderScheduler.arm() }),
      close,
    };
  } catch (error) {
    local.close();
    throw error;
  }
}

/** The directory download's worker and the facts sweep's, when this host can run one (SyncOptions.pullWorker). */
function workerPullFor(
  options: SyncOptions,
  transport: SyncTransport,
  local: LocalDb,
  session: SessionManager,
): { workerPull: WorkerPull; workerFacts: FactsSweep } | null {
  if (options.pullWorker === false || !transport.reproducibleInWorker) return null;
  const entry = options.pullWorker?.entry ?? null;
  if (entry === null && sourceWorkerEntry() === null) return null;
  return {
    workerPull: createWorkerPull({ local, session, entry, timeoutMs: transport.reproducibleInWorker.timeoutMs }),
    workerFacts: createWorkerFactsSweep({ local, entry }),
  };
}
