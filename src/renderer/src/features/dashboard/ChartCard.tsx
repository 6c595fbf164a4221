import { useId, useState, type ReactNode } from 'react';

/**
 * A chart with its text alternative: the chart has an accessible name and a one-line
 * summary; a toggle swaps it for a table of the same numbers (for screen readers, for
 * reading exact values, for copying).
 */
export function ChartCard(props: {
  title: string;
  /** One sentence saying what the chart shows, read as the chart's description. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  className?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className={`card chart-card ${props.className ?? ''}`} aria-labelledby={`${id}-title`}>
      <header className="chart-header">
        <h2 id={`${id}-title`}>{props.title}</h2>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </header>
      <p id={`${id}-summary`} className="hint">
        {props.summary}
      </p>
      {asTable ? (
        <div className="chart-table-wrap">{props.table}</div>
      ) : (
        <div className="chart-box" role="img" aria-label={props.title} aria-describedby={`${id}-summary`}>
          {props.chart}
        </div>
      )}
    </section>
  );
}
