import { useState } from 'react';
import type { TransferMode } from '../../../../shared/api/transfer';
import type { TeamMember } from '../../../../shared/voice/protocol';
import { useQuery } from '../../bridge/use-query';
import { Sheet } from '../../ui/Sheet';
import { lineCommand } from './line-store';
import './transfer.css';

const availabilityLabel: Record<TeamMember['availability'], string> = {
  Available: 'Available',
  Busy: 'Busy',
  Away: 'Away',
  Offline: 'Offline',
  AfterCallWork: 'After-call work',
};

const modes: { mode: TransferMode; label: string }[] = [
  { mode: 'warm', label: 'Warm: talk first' },
  { mode: 'cold', label: 'Cold: pass it now' },
];

type Target = { type: 'agent'; member: TeamMember } | { type: 'number' } | null;

/**
 * Passing the call on: a teammate from the team list (with their availability; an
 * Offline one cannot be rung) or a typed number, cold or warm. Warm rings the target
 * while the customer waits on hold; the call panel then offers Complete and Cancel.
 */
export function TransferSheet({ onClose }: { onClose: () => void }) {
  const team = useQuery('voice.team', {}, []);
  const [mode, setMode] = useState<TransferMode>('warm');
  const [filter, setFilter] = useState('');
  const [target, setTarget] = useState<Target>(null);
  const [number, setNumber] = useState('');
  const [sending, setSending] = useState(false);

  const members = (team.data?.members ?? []).filter((m) => m.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const ready = target?.type === 'agent' || (target?.type === 'number' && number.trim() !== '');

  const submit = async () => {
    if (!target || !ready) return;
    setSending(true);
    await lineCommand('line.transfer', {
      mode,
      target:
        target.type === 'agent'
          ? { type: 'agent', userId: target.member.userId, name: target.member.name }
          : { type: 'number', number: number.trim() },
    });
    setSending(false);
    onClose();
  };

  return (
    <Sheet title="Transfer call" onClose={onClose}>
      <form
        className="form transfer-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="segmented">
          <legend>How</legend>
          {modes.map(({ mode: m, label }) => (
            <label key={m} className={mode === m ? 'active' : ''}>
              <input type="radio" name="transfer-mode" checked={mode === m} onChange={() => setMode(m)} />
              {label}
            </label>
          ))}
        </fieldset>
        <p className="hint">
          {mode === 'warm'
            ? 'The customer waits on hold while you introduce the call; then complete or cancel.'
            : 'The customer goes to them at once and your call ends.'}
        </p>
        <label>
          Find a teammate
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name" />
        </label>
        <fieldset className="team-list">
          <legend>
            Teammates{team.data?.source === 'demo' ? <span className="muted"> (demo team: not signed in)</span> : null}
          </legend>
          {team.error && <p className="warning">{team.error.message}</p>}
          {!team.error && members.length === 0 && !team.loading && <p className="muted">Nobody matches.</p>}
          {members.map((member) => {
            const offline = member.availability === 'Offline';
            const picked = target?.type === 'agent' && target.member.userId === member.userId;
            return (
              <label
                key={member.userId}
                className={`team-member${picked ? ' active' : ''}${offline ? ' offline' : ''}`}
              >
                <input
                  type="radio"
                  name="transfer-target"
                  checked={picked}
                  disabled={offline}
                  onChange={() => setTarget({ type: 'agent', member })}
                />
                <span className="team-name">{member.name}</span>
                <span className={`team-availability availability-${member.availability}`}>
                  <span className="availability-dot" aria-hidden="true" />
                  {availabilityLabel[member.availability]}
                </span>
              </label>
            );
          })}
          <label className={`team-member${target?.type === 'number' ? ' active' : ''}`}>
            <input
              type="radio"
              name="transfer-target"
              checked={target?.type === 'number'}
              onChange={() => setTarget({ type: 'number' })}
            />
            <span className="team-name">A phone number</span>
          </label>
        </fieldset>
        {target?.type === 'number' && (
          <label>
            Number
            <input
              type="tel"
              autoFocus
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder="+1 212 555 0177"
              className="mono"
            />
          </label>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="answer" disabled={!ready || sending}>
            {mode === 'warm' ? 'Call to consult' : 'Transfer now'}
          </button>
        </div>
      </form>
    </Sheet>
  );
}
