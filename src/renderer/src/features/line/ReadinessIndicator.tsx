import { useState } from 'react';
import type { ChosenAvailability } from '../../../../shared/api/line';
import { formatInstant } from '../../ui/format';
import { lineCommand } from './line-store';
import './readiness.css';
import { readinessWords, useReadiness } from './readiness-store';

/**
 * One indicator for "can calls reach me": ready, degraded or not ready, the line it is
 * on, and the reasons in words. Details (registration, token, last re-registration)
 * open on demand so the dock stays small.
 */
export function ReadinessIndicator() {
  const readiness = useReadiness((s) => s.readiness);
  if (!readiness) return null;
  const problems = readiness.reasons.filter((r) => r.level !== 'ready');
  return (
    <section className={`readiness readiness-${readiness.level}`} aria-label="Readiness">
      <p className="readiness-summary">
        <span className="readiness-dot" aria-hidden="true" />
        <strong>{readinessWords[readiness.level]}</strong>
        <span> · {readiness.line === 'twilio' ? 'Twilio line' : 'Simulated line'}</span>
      </p>
      {problems.length > 0 && (
        <ul className="readiness-reasons">
          {problems.map((r) => (
            <li key={`${r.key}-${r.text}`}>{r.text}</li>
          ))}
        </ul>
      )}
      {readiness.line === 'twilio' && (
        <details className="readiness-details">
          <summary>Line details</summary>
          <dl>
            <dt>Registration</dt>
            <dd>{readiness.registration}</dd>
            <dt>Token valid until</dt>
            <dd>{readiness.tokenExpiresAt ? formatInstant(readiness.tokenExpiresAt) : '—'}</dd>
            <dt>Last re-registration</dt>
            <dd>{readiness.lastReRegistrationAt ? formatInstant(readiness.lastReRegistrationAt) : 'none'}</dd>
            {readiness.audio && (
              <>
                <dt>Microphone</dt>
                <dd>{readiness.audio.microphone}</dd>
                <dt>Speaker</dt>
                <dd>{readiness.audio.speaker}</dd>
                <dt>Ringer</dt>
                <dd>{readiness.audio.ringer}</dd>
              </>
            )}
          </dl>
        </details>
      )}
    </section>
  );
}

/**
 * Setting yourself Available while calls cannot reach you asks first, and says why:
 * an agent who believes they are taking calls while none can arrive is the failure
 * this prevents.
 */
export function useAvailabilityGuard() {
  const readiness = useReadiness((s) => s.readiness);
  const [asking, setAsking] = useState(false);
  // The question closes when answered, not when some command finishes: an earlier change
  // (Busy) still on its way on a slow machine must not close the question asked after it.
  const set = (availability: ChosenAvailability) => {
    setAsking(false);
    void lineCommand('line.setAvailability', { availability });
  };
  const request = (availability: ChosenAvailability) => {
    if (availability === 'Available' && readiness?.level === 'not-ready') setAsking(true);
    else set(availability);
  };
  const confirmation =
    asking && readiness ? (
      <div className="readiness-confirm" role="alertdialog" aria-label="Not ready for calls" aria-modal="false">
        <p>
          <strong>Calls cannot reach you yet.</strong>
        </p>
        <ul>
          {readiness.reasons
            .filter((r) => r.level === 'not-ready')
            .map((r) => (
              <li key={r.key}>{r.text}</li>
            ))}
        </ul>
        <div className="call-buttons">
          <button className="readiness-go" onClick={() => set('Available')}>
            Set Available anyway
          </button>
          <button onClick={() => setAsking(false)}>Cancel</button>
        </div>
      </div>
    ) : null;
  return { request, confirmation };
}
