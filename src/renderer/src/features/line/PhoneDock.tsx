import { useState } from 'react';
import { DockAudio } from '../audio/DockAudio';
import type { LineSnapshot } from '../../../../shared/api/line';
import { AvailabilityBar } from './AvailabilityBar';
import { CallerCard } from './CallerCard';
import { CallPanel } from './CallPanel';
import { CreateContactSheet } from './CreateContactSheet';
import { IdlePanel } from './IdlePanel';
import { lineCommand, useLine } from './line-store';
import { useRingtone } from './ringtone';
import { ReadinessIndicator } from './ReadinessIndicator';
import { shortcuts, useLineShortcuts } from './shortcuts';
import { WrapUpForm } from './WrapUpForm';

/**
 * The softphone, always beside the work: availability, the ringing pop, the call
 * panel and the wrap-up form. What it shows is the core's line snapshot, nothing else.
 */
export function PhoneDock() {
  const snapshot = useLine((s) => s.snapshot);
  const [createFor, setCreateFor] = useState<string | null>(null);
  useLineShortcuts();
  useRingtone(snapshot?.phase === 'ringing-in');

  if (!snapshot) return <aside className="phone-dock" aria-label="Phone" />;
  return (
    <aside className={`phone-dock phase-${snapshot.phase}`} aria-label="Phone">
      <AvailabilityBar snapshot={snapshot} />
      <ReadinessIndicator />
      <DockAudio />
      {snapshot.lineError && (
        <p className="warning" role="alert">
          {snapshot.lineError.text}
        </p>
      )}
      <PhaseBody snapshot={snapshot} onCreateContact={setCreateFor} />
      {createFor && <CreateContactSheet number={createFor} onClose={() => setCreateFor(null)} />}
    </aside>
  );
}

function PhaseBody({ snapshot, onCreateContact }: { snapshot: LineSnapshot; onCreateContact: (n: string) => void }) {
  const live = snapshot.call;
  const choose = (match: { type: 'contact' | 'lead' | 'account'; id: string }) =>
    lineCommand('line.chooseMatch', match);

  switch (snapshot.phase) {
    case 'idle':
      return <IdlePanel snapshot={snapshot} />;
    case 'ringing-in':
      return (
        <section className="ringing" aria-label="Incoming call">
          {/* The dot pulses, not the words: text fading to 45% fails contrast half the time. */}
          <h2 className="phase-title">
            <span className="ring-dot pulse" aria-hidden="true" />
            Incoming call
          </h2>
          <CallerCard
            pop={live?.pop ?? null}
            chosen={live?.chosen ?? null}
            onChoose={choose}
            onCreateContact={onCreateContact}
          />
          <div className="call-buttons">
            <button className="answer" onClick={() => void lineCommand('line.answer')} title={shortcuts.answer.keys}>
              Answer <kbd>{shortcuts.answer.keys}</kbd>
            </button>
            <button className="hangup" onClick={() => void lineCommand('line.reject')} title={shortcuts.hangup.keys}>
              Reject <kbd>{shortcuts.hangup.keys}</kbd>
            </button>
          </div>
        </section>
      );
    case 'dialing':
    case 'ringing-out':
      return (
        <section aria-label="Outgoing call">
          <h2 className="phase-title">{snapshot.phase === 'dialing' ? 'Dialing…' : 'Ringing…'}</h2>
          <CallerCard
            pop={live?.pop ?? null}
            chosen={live?.chosen ?? null}
            onChoose={choose}
            onCreateContact={onCreateContact}
          />
          <div className="call-buttons">
            <button className="hangup" onClick={() => void lineCommand('line.hangup')}>
              Hang up <kbd>{shortcuts.hangup.keys}</kbd>
            </button>
          </div>
        </section>
      );
    case 'in-progress':
    case 'on-hold':
      return live ? (
        <CallPanel snapshot={snapshot} live={live} onChoose={choose} onCreateContact={onCreateContact} />
      ) : null;
    case 'wrap-up':
      return <WrapUpForm />;
  }
}
