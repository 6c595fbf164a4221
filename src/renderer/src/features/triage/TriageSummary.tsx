import type { TriageItem } from '../../../../shared/api/triage';

export type Outcome = 'decided' | 'skipped';

/** The end of a pass: how many calls got a disposition, were skipped, were called back. */
export function TriageSummary(props: {
  queue: TriageItem[];
  outcomes: Record<string, Outcome>;
  calledBack: number;
  onAgain: () => void;
}) {
  const decided = props.queue.filter((item) => props.outcomes[item.call.id] === 'decided').length;
  const skipped = props.queue.length - decided;
  const emergencies = props.queue.filter((item) => item.emergency).length;
  return (
    <section className="triage-summary" aria-label="Triage summary">
      <h2>Queue done</h2>
      <ul>
        <li>
          <strong>{decided}</strong> {decided === 1 ? 'call' : 'calls'} with a disposition
        </li>
        <li>
          <strong>{skipped}</strong> skipped
        </li>
        <li>
          <strong>{props.calledBack}</strong> called back
        </li>
        {emergencies > 0 && (
          <li>
            <strong>{emergencies}</strong> {emergencies === 1 ? 'emergency' : 'emergencies'}
          </li>
        )}
      </ul>
      <button className="primary" onClick={props.onAgain}>
        Start a new pass
      </button>
    </section>
  );
}
