import type { DashboardPeriod } from '../../../../shared/domain/analytics-period';
import { useDashboard } from './dashboard-store';

const periods: { value: DashboardPeriod; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'year', label: 'Year' },
  { value: 'custom', label: 'Custom' },
];

/** The period (in the agent's zone, from Settings) and, for supervisors, whose figures. */
export function PeriodPicker({ canSeeTeam, zone }: { canSeeTeam: boolean; zone: string }) {
  const { period, from, to, scope, choose } = useDashboard();
  return (
    <div className="dashboard-picker">
      <fieldset className="segmented">
        <legend>Period ({zone})</legend>
        {periods.map((p) => (
          <label key={p.value} className={period === p.value ? 'active' : ''}>
            <input
              type="radio"
              name="dashboard-period"
              checked={period === p.value}
              onChange={() => choose({ period: p.value })}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      {period === 'custom' && (
        <div className="dashboard-days">
          <label>
            First day
            <input type="date" value={from} onChange={(e) => choose({ from: e.target.value })} />
          </label>
          <label>
            Last day
            <input type="date" value={to} onChange={(e) => choose({ to: e.target.value })} />
          </label>
        </div>
      )}
      {canSeeTeam && (
        <fieldset className="segmented">
          <legend>Whose calls</legend>
          {(['me', 'team'] as const).map((s) => (
            <label key={s} className={scope === s ? 'active' : ''}>
              <input type="radio" name="dashboard-scope" checked={scope === s} onChange={() => choose({ scope: s })} />
              {s === 'me' ? 'Mine' : 'Team'}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
