import type { DashboardFigures } from '../../../../shared/domain/dashboard-figures';
import { duration, percent } from './figures-format';

/** The headline numbers of the period, as a list of labelled values. */
export function FigureTiles({ figures }: { figures: DashboardFigures }) {
  const t = figures.totals;
  const busiest = figures.busiestHours.reduce((best, h) => (h.calls > best.calls ? h : best), { hour: -1, calls: 0 });
  const tiles: { label: string; value: string; hint?: string }[] = [
    { label: 'Calls in', value: String(t.inbound) },
    { label: 'Calls out', value: String(t.outbound) },
    { label: 'Answered', value: String(t.answered) },
    { label: 'Missed', value: String(t.missed) },
    { label: 'Answer rate', value: percent(t.answerRate) },
    { label: 'Talk time', value: duration(t.talkSeconds), hint: `average ${duration(t.averageTalkSeconds)}` },
    { label: 'Average handle time', value: duration(t.averageHandleSeconds), hint: 'talk + after-call work' },
    {
      label: 'Busiest hour',
      value: busiest.hour < 0 ? '—' : `${String(busiest.hour).padStart(2, '0')}:00`,
      hint: busiest.hour < 0 ? undefined : `${busiest.calls} ${busiest.calls === 1 ? 'call' : 'calls'}`,
    },
    { label: 'Follow-ups overdue', value: String(figures.followUpsOverdue) },
  ];
  // Visits booked in the period (shared/domain/bookings.ts).
  if (figures.bookings) {
    tiles.push(
      { label: 'Bookings', value: String(figures.bookings.count) },
      { label: 'Booking conversion', value: percent(figures.bookings.conversionRate) },
    );
  }
  return (
    <dl className="figure-tiles" aria-label="Figures of the period">
      {tiles.map((tile) => (
        <div key={tile.label} className="figure-tile" data-figure={tile.label}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="figure-value">{tile.value}</span>
            {tile.hint && <span className="hint">{tile.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
