import { z } from 'zod';
import { DashboardPeriod, PlainDay } from '../domain/analytics-period';
import { DashboardFigures } from '../domain/dashboard-figures';
import type { ApiTable } from './table';

export const DashboardInput = z
  .object({
    period: DashboardPeriod.default('today'),
    /** The first and last day of a custom period (YYYY-MM-DD, the agent's zone). */
    from: PlainDay.optional(),
    to: PlainDay.optional(),
    /** `me`: the agent's own calls, from the local store (works offline). `team`: the server's, supervisors only. */
    scope: z.enum(['me', 'team']).default('me'),
  })
  .strict();
export type DashboardInput = z.input<typeof DashboardInput>;

export const dashboardApi = {
  'analytics.dashboard': {
    input: DashboardInput,
    output: DashboardFigures.extend({ source: z.enum(['local', 'server']) }),
    summary:
      'The dashboard: calls in and out, answered, missed, talk and handle time, outcomes, busiest hours and trends for a period in the agent’s zone; the agent’s own from the local store, the team’s from the CRM server.',
  },
} as const satisfies ApiTable;
