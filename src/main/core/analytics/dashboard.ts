import { periodRange, PeriodError } from '../../../shared/domain/analytics-period';
import { DashboardFigures } from '../../../shared/domain/dashboard-figures';
import type { Handlers } from '../api/dispatch';
import { getSettings } from '../db/repositories/settings';
import { CoreError } from '../errors';
import { overdueFollowUpCount } from '../follow-ups/handlers';
import type { HandlerContext } from '../handler-context';
import { replyError, type SessionManager } from '../sync/session';
import { TransportError } from '../sync/transport';
import { localFigures } from './local-folds';

/**
 * The dashboard. The agent's own figures come from the local store (so they work offline
 * and include calls not yet synced); the team's come from the CRM server, which alone
 * has every agent's calls and refuses them to anyone but a supervisor or an admin.
 * Both sides fold buckets with the same shared code, in the agent's zone (Settings).
 */
export function dashboardHandlers(
  ctx: HandlerContext,
  session: Pick<SessionManager, 'stored' | 'send'>,
): Pick<Handlers, 'analytics.dashboard'> {
  const { db } = ctx.local;
  return {
    'analytics.dashboard': async (input) => {
      const timeZone = getSettings(db).timeZone;
      if (input.scope === 'team') {
        if (!session.stored()) {
          throw new CoreError('not_signed_in', 'Team figures come from the CRM server: sign in to see them.');
        }
        const query = new URLSearchParams({ period: input.period, tz: timeZone, scope: 'team' });
        if (input.from) query.set('from', input.from);
        if (input.to) query.set('to', input.to);
        let reply;
        try {
          reply = await session.send('GET', `/analytics/dashboard?${query.toString()}`);
        } catch (error) {
          if (error instanceof TransportError) {
            throw new CoreError(
              'offline',
              'Team figures need the CRM server, which cannot be reached now. Your own figures work offline.',
            );
          }
          throw error;
        }
        if (reply.status !== 200) throw replyError(reply, 'The CRM server could not give the team figures.');
        const parsed = DashboardFigures.safeParse(reply.body);
        if (!parsed.success) throw new CoreError('bad_reply', 'The CRM server sent team figures this app cannot read.');
        return { ...parsed.data, source: 'server' as const };
      }
      let range;
      try {
        range = periodRange(input.period, ctx.now(), timeZone, { from: input.from, to: input.to });
      } catch (error) {
        if (error instanceof PeriodError) throw new CoreError('bad_period', error.message);
        throw error;
      }
      const followUpsOverdue = overdueFollowUpCount(db, ctx.userId, ctx.now());
      const figures = localFigures(db, ctx.userId, { ...range, timeZone, followUpsOverdue });
      return { ...figures, source: 'local' as const };
    },
  };
}
