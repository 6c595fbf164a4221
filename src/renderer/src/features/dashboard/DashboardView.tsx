import type { DashboardFigures } from '../../../../shared/domain/dashboard-figures';
import { useQuery } from '../../bridge/use-query';
import { useDispositionLabel } from '../../ui/use-dispositions';
import { displayTimeZone } from '../../ui/format';
import { useSync } from '../sync/sync-store';
import { AgentTable } from './AgentTable';
import { ChartCard } from './ChartCard';
import { ChartTable } from './ChartTable';
import { colors, CountBars, RateLine, VolumeBars } from './charts';
import { useDashboard } from './dashboard-store';
import { FigureTiles } from './FigureTiles';
import { percent } from './figures-format';
import { PeriodPicker } from './PeriodPicker';
import './dashboard.css';

const byGranularity = { hour: 'hour', day: 'day', month: 'month' } as const;

/**
 * The dashboard: the agent's own figures (from the local store, so offline too) or, for
 * a supervisor, the team's from the CRM server with a row per agent.
 */
export function DashboardView() {
  const { period, from, to, scope } = useDashboard();
  const role = useSync((s) => s.session?.role ?? null);
  const signedIn = useSync((s) => s.session?.signedIn ?? false);
  const canSeeTeam = signedIn && (role === 'supervisor' || role === 'admin');
  const effectiveScope = canSeeTeam ? scope : 'me';
  const customReady = period !== 'custom' || (from !== '' && to !== '');
  const input = customReady ? { period, scope: effectiveScope, ...(period === 'custom' ? { from, to } : {}) } : null;
  const figures = useQuery('analytics.dashboard', input, ['call', 'task', 'settings']);
  const zone = displayTimeZone();

  return (
    <section className="page dashboard" aria-labelledby="dashboard-heading">
      <header className="page-header">
        <h1 id="dashboard-heading">{effectiveScope === 'team' ? 'Team dashboard' : 'My dashboard'}</h1>
      </header>
      <PeriodPicker canSeeTeam={canSeeTeam} zone={zone} />
      {!customReady && <p className="hint">Pick the first and the last day.</p>}
      {figures.error && (
        <p className="error-text" role="alert">
          {figures.error.message}
        </p>
      )}
      {figures.data && customReady && <Figures figures={figures.data} team={effectiveScope === 'team'} />}
    </section>
  );
}

function Figures({ figures, team }: { figures: DashboardFigures; team: boolean }) {
  const label = useDispositionLabel();
  const unit = byGranularity[figures.granularity];
  const volume = figures.series.map((s) => ({ label: s.label, inbound: s.inbound, outbound: s.outbound }));
  const rate = figures.series.map((s) => ({
    label: s.label,
    rate: s.answerRate === null ? null : Math.round(s.answerRate * 100),
  }));
  const outcomes = [
    { label: 'Held', count: figures.outcomes.Held },
    { label: 'Not Held', count: figures.outcomes.NotHeld },
    { label: 'Planned', count: figures.outcomes.Planned },
    { label: 'Cancelled', count: figures.outcomes.Cancelled },
  ];
  const dispositions = figures.dispositions.map((d) => ({
    label: d.code === 'none' ? 'None yet' : label(d.code),
    count: d.count,
  }));
  const hours = figures.busiestHours.map((h) => ({ label: String(h.hour).padStart(2, '0'), count: h.calls }));
  const t = figures.totals;

  return (
    <>
      <FigureTiles figures={figures} />
      {/* A supervisor reads the team by agent first; the charts follow. */}
      {team && <AgentTable rows={figures.agents} />}
      <div className="chart-grid">
        <ChartCard
          title={`Calls in and out by ${unit}`}
          summary={`${t.inbound} in and ${t.outbound} out over ${figures.series.length} ${unit}s.`}
          chart={<VolumeBars data={volume} />}
          table={
            <ChartTable
              caption={`Calls in and out by ${unit}`}
              columns={[unit === 'hour' ? 'Hour' : unit === 'day' ? 'Day' : 'Month', 'In', 'Out']}
              rows={volume.map((v) => [v.label, v.inbound, v.outbound])}
            />
          }
        />
        <ChartCard
          title={`Answer rate by ${unit}`}
          summary={`Answered ${percent(t.answerRate)} of ${t.happened} calls over the period.`}
          chart={<RateLine data={rate} />}
          table={
            <ChartTable
              caption={`Answer rate by ${unit}`}
              columns={[unit === 'hour' ? 'Hour' : unit === 'day' ? 'Day' : 'Month', 'Answered', 'Calls', 'Rate']}
              rows={figures.series.map((s) => [s.label, s.answered, s.happened, percent(s.answerRate)])}
            />
          }
        />
        <ChartCard
          title="Outcomes"
          summary={outcomes.map((o) => `${o.label} ${o.count}`).join(', ') + '.'}
          chart={<CountBars data={outcomes} color={colors.held} name="Calls" />}
          table={
            <ChartTable
              caption="Outcomes"
              columns={['Outcome', 'Calls']}
              rows={outcomes.map((o) => [o.label, o.count])}
            />
          }
        />
        <ChartCard
          title="Dispositions"
          summary={
            dispositions.length === 0
              ? 'No calls in this period.'
              : `Most often: ${dispositions[0]!.label} (${dispositions[0]!.count}).`
          }
          chart={<CountBars data={dispositions} color={colors.outbound} name="Calls" />}
          table={
            <ChartTable
              caption="Dispositions"
              columns={['Disposition', 'Calls']}
              rows={dispositions.map((d) => [d.label, d.count])}
            />
          }
        />
        <ChartCard
          title="Busiest hours"
          summary="Calls by hour of the day, in your zone."
          chart={<CountBars data={hours} color={colors.inbound} name="Calls" />}
          table={
            <ChartTable
              caption="Busiest hours"
              columns={['Hour', 'Calls']}
              rows={hours.filter((h) => h.count > 0).map((h) => [`${h.label}:00`, h.count])}
            />
          }
        />
      </div>
    </>
  );
}
