import type { AgentRow } from '../../../../shared/domain/dashboard-figures';
import { duration, percent } from './figures-format';

/** The team view's row per agent, busiest first. */
export function AgentTable({ rows }: { rows: AgentRow[] }) {
  return (
    <section className="card" aria-labelledby="agents-title">
      <h2 id="agents-title">By agent</h2>
      {rows.length === 0 ? (
        <p className="empty">No calls in this period.</p>
      ) : (
        <div className="chart-table-wrap">
          <table className="figures-table" aria-labelledby="agents-title">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">In</th>
                <th scope="col">Out</th>
                <th scope="col">Answered</th>
                <th scope="col">Missed</th>
                <th scope="col">Answer rate</th>
                <th scope="col">Talk time</th>
                <th scope="col">Avg handle</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.ownerId}>
                  <th scope="row">{row.name}</th>
                  <td>{row.inbound}</td>
                  <td>{row.outbound}</td>
                  <td>{row.answered}</td>
                  <td>{row.missed}</td>
                  <td>{percent(row.answerRate)}</td>
                  <td>{duration(row.talkSeconds)}</td>
                  <td>{duration(row.averageHandleSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
