import type { ChosenAvailability, LineSnapshot } from '../../../../shared/api/line';
import { useAvailabilityGuard } from './ReadinessIndicator';
import { formatClock, useElapsed } from './use-elapsed';

const choices: ChosenAvailability[] = ['Available', 'Busy', 'Away', 'Offline'];

/** The agent's availability. Calls ring only when Available; after-call work is set by the core. */
export function AvailabilityBar({ snapshot }: { snapshot: LineSnapshot }) {
  const since = useElapsed(snapshot.availabilitySince);
  const afterCall = snapshot.availability === 'AfterCallWork';
  const value = afterCall ? snapshot.returnTo : snapshot.availability;

  // Available while calls cannot reach you asks first (see useAvailabilityGuard).
  const guard = useAvailabilityGuard();
  const change = (availability: ChosenAvailability) => guard.request(availability);

  return (
    <>
      <div className={`availability availability-${snapshot.availability}`}>
        <span className="availability-dot" aria-hidden="true" />
        <span className="availability-label">
          {afterCall ? 'After-call work' : snapshot.availability}
          <span className="muted"> · {formatClock(since)}</span>
        </span>
        <label className="availability-select">
          <span className="visually-hidden">{afterCall ? 'After wrap-up, become' : 'Availability'}</span>
          <select
            aria-label={afterCall ? 'After wrap-up, become' : 'Availability'}
            value={value}
            onChange={(e) => void change(e.target.value as ChosenAvailability)}
          >
            {choices.map((c) => (
              <option key={c} value={c}>
                {afterCall ? `Then ${c}` : c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {guard.confirmation}
    </>
  );
}
