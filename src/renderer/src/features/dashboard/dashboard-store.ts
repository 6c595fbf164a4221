import { create } from 'zustand';
import type { DashboardPeriod } from '../../../../shared/domain/analytics-period';

/**
 * What the dashboard shows: the period, a custom period's days, and whose figures. Kept
 * in localStorage so the agent finds the dashboard as they left it after a reload.
 */
export interface DashboardChoice {
  period: DashboardPeriod;
  from: string;
  to: string;
  scope: 'me' | 'team';
}

const KEY = 'switchboard.dashboard';
const fallback: DashboardChoice = { period: 'today', from: '', to: '', scope: 'me' };

function load(): DashboardChoice {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DashboardChoice> | null;
    return { ...fallback, ...(saved ?? {}) };
  } catch {
    return fallback;
  }
}

interface DashboardState extends DashboardChoice {
  choose(change: Partial<DashboardChoice>): void;
}

export const useDashboard = create<DashboardState>((set, get) => ({
  ...load(),
  choose(change) {
    set(change);
    const { period, from, to, scope } = { ...get(), ...change };
    localStorage.setItem(KEY, JSON.stringify({ period, from, to, scope }));
  },
}));
