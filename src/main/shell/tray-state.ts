import type { MenuItemConstructorOptions } from 'electron';
import type { MissedCall } from '../../shared/api/missed-calls';
import type { LineSnapshot } from '../../shared/api/line';
import type { ReadinessLevel } from '../../shared/api/voice';

/**
 * What the tray shows, as data: which icon (resources/tray/<key>.png, drawn by
 * resources/make-tray-icons.mjs), the tooltip, the menu and the dock/taskbar badge.
 * Pure functions of the line, the readiness and the missed calls, tested without Electron.
 */

export const trayIconKeys = [
  'available',
  'available-notready',
  'busy',
  'busy-notready',
  'away',
  'away-notready',
  'wrapup',
  'wrapup-notready',
  'offline',
  'call',
  'missed',
] as const;
export type TrayIconKey = (typeof trayIconKeys)[number];

export interface TrayInput {
  line: Pick<LineSnapshot, 'availability' | 'phase'> | null;
  readiness: ReadinessLevel | null;
  /** Missed calls whose call-back is still open. */
  missed: number;
}

const callPhases = new Set(['ringing-in', 'dialing', 'ringing-out', 'in-progress', 'on-hold']);
const stateKeys = {
  Available: 'available',
  Busy: 'busy',
  Away: 'away',
  AfterCallWork: 'wrapup',
} as const;

/** A call outranks missed calls, which outrank the availability: what needs the agent first. */
export function trayIconKey(input: TrayInput): TrayIconKey {
  if (input.line && callPhases.has(input.line.phase)) return 'call';
  if (input.missed > 0) return 'missed';
  const availability = input.line?.availability ?? 'Offline';
  if (availability === 'Offline') return 'offline';
  const key = stateKeys[availability];
  return input.readiness === 'not-ready' ? `${key}-notready` : key;
}

const availabilityWords: Record<string, string> = {
  Available: 'Available',
  Busy: 'Busy',
  Away: 'Away',
  Offline: 'Offline',
  AfterCallWork: 'In after-call work',
};

/** "Switchboard: Available · not ready for calls · 2 missed calls" */
export function trayTooltip(input: TrayInput): string {
  const parts = [availabilityWords[input.line?.availability ?? 'Offline'] ?? 'Offline'];
  if (input.line && callPhases.has(input.line.phase))
    parts.push(input.line.phase === 'on-hold' ? 'call on hold' : 'on a call');
  if (input.readiness === 'not-ready') parts.push('not ready for calls');
  if (input.missed > 0) parts.push(`${input.missed} missed call${input.missed === 1 ? '' : 's'}`);
  return `Switchboard: ${parts.join(' · ')}`;
}

export interface TrayActions {
  setAvailability(availability: 'Available' | 'Busy' | 'Away' | 'Offline'): void;
  showConsole(): void;
  /** Opens the console on the missed calls, on this one when an id is given. */
  showMissed(callId?: string): void;
  quit(): void;
}

const choices = ['Available', 'Busy', 'Away', 'Offline'] as const;

/**
 * The tray menu. During after-call work the radio items pick what follows it (the core's
 * `returnTo`), as the console's own selector does.
 */
export function trayMenuTemplate(
  input: TrayInput & { returnTo: string | null; recentMissed: Pick<MissedCall, 'id' | 'caller' | 'at'>[] },
  actions: TrayActions,
  formatTime: (iso: string) => string,
): MenuItemConstructorOptions[] {
  const availability = input.line?.availability ?? 'Offline';
  const inWrapUp = availability === 'AfterCallWork';
  const selected = inWrapUp ? input.returnTo : availability;
  const missed: MenuItemConstructorOptions[] =
    input.recentMissed.length === 0
      ? [{ label: 'No missed calls', enabled: false }]
      : [
          ...input.recentMissed.map((call) => ({
            label: `${call.caller} · ${formatTime(call.at)}`,
            click: () => actions.showMissed(call.id),
          })),
          { type: 'separator' as const },
          { label: 'All missed calls…', click: () => actions.showMissed() },
        ];
  return [
    { label: `Now: ${trayTooltip(input).replace(/^Switchboard: /, '')}`, enabled: false },
    { type: 'separator' },
    ...(inWrapUp ? [{ label: 'After the wrap-up:', enabled: false }] : []),
    ...choices.map((choice): MenuItemConstructorOptions => ({
      label: choice,
      type: 'radio',
      checked: selected === choice,
      click: () => actions.setAvailability(choice),
    })),
    { type: 'separator' },
    { label: 'Show console', click: () => actions.showConsole() },
    {
      label: input.missed > 0 ? `Missed calls (${input.missed})` : 'Missed calls',
      submenu: missed,
    },
    { type: 'separator' },
    { label: 'Quit Switchboard', click: () => actions.quit() },
  ];
}

/** The dock / taskbar badge: what waits for the agent (missed calls and overdue follow-ups). */
export function badgeCount(missed: number, overdueFollowUps: number): number {
  return Math.max(0, missed) + Math.max(0, overdueFollowUps);
}
