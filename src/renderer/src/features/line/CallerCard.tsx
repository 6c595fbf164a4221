import { useState } from 'react';
import type { MatchRef, PopMatch, ScreenPop } from '../../../../shared/api/line';
import { callStatusLabel } from '../../../../shared/domain/call';
import { useUi } from '../../state/ui-store';
import { formatDuration, formatInstant } from '../../ui/format';
import { ContactMessages } from '../sms/ContactMessages';
import { useSms } from '../sms/sms-store';
import { PopCustomerDetails } from '../customers/PopCustomerDetails';

/**
 * Who is calling, before the agent answers: the match's name, account, title, tags,
 * do-not-contact flag, local time, last five calls and open tasks. Several matches
 * are listed for the agent to choose; none gives "Unknown caller".
 */
export function CallerCard(props: {
  pop: ScreenPop | null;
  chosen: MatchRef | null;
  onChoose: (match: MatchRef) => void;
  onCreateContact: (number: string) => void;
}) {
  const { pop, chosen } = props;
  const [choosing, setChoosing] = useState(false);
  if (!pop) return <div className="caller-card muted">Looking up the number…</div>;
  if (pop.matches.length === 0) {
    return (
      <div className="caller-card" role="group" aria-label="Caller">
        <div className="caller-name">Unknown caller</div>
        <div className="caller-number mono">{pop.numberDisplay}</div>
        {pop.numberLocalTime && <div className="muted">Local time {pop.numberLocalTime.label}</div>}
        <button className="secondary-action" onClick={() => props.onCreateContact(pop.number)}>
          Create contact
        </button>
      </div>
    );
  }
  const match = choosing ? null : (pop.matches.find((m) => m.type === chosen?.type && m.id === chosen.id) ?? null);
  if (!match) {
    return (
      <div className="caller-card" role="group" aria-label="Caller">
        <div className="caller-number mono">{pop.numberDisplay}</div>
        <p className="muted">{pop.matches.length} records have this number. Who is it?</p>
        <ul className="match-choices">
          {pop.matches.map((m) => (
            <li key={`${m.type}:${m.id}`}>
              <button
                onClick={() => {
                  setChoosing(false);
                  props.onChoose({ type: m.type, id: m.id });
                }}
              >
                <strong>{m.name}</strong>
                <span className="muted">
                  {recordWords[m.type]}
                  {m.account ? ` · ${m.account.name}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <MatchDetails
      match={match}
      numberDisplay={pop.numberDisplay}
      others={pop.matches.length - 1}
      onSwitch={() => setChoosing(true)}
    />
  );
}

/** What the matched record is, for a caller with no title or company to show instead. */
const recordWords: Record<PopMatch['type'], string> = { contact: 'Contact', lead: 'Lead', account: 'Account' };

function MatchDetails(props: { match: PopMatch; numberDisplay: string; others: number; onSwitch: () => void }) {
  const { match } = props;
  const navigate = useUi((s) => s.navigate);
  const compose = useSms((s) => s.compose);
  const open = () => {
    if (match.type === 'contact') navigate({ view: 'contacts', kind: 'contact', id: match.id });
    if (match.type === 'account') navigate({ view: 'contacts', kind: 'account', id: match.id });
  };
  return (
    <div className="caller-card" role="group" aria-label="Caller">
      <button className="caller-name link-button" onClick={open}>
        {match.name}
      </button>
      <div className="muted">
        {[match.title, match.account?.name].filter(Boolean).join(' · ') || recordWords[match.type]}
      </div>
      <div className="caller-number mono">
        {props.numberDisplay} <span className="muted">{match.phoneKind}</span>
      </div>
      {match.localTime && (
        <div className="caller-time">
          Local time <strong>{match.localTime.label}</strong>
        </div>
      )}
      {match.doNotContact && (
        <div className="warning" role="note">
          <strong>Do not contact.</strong> {match.doNotContactReason ?? ''}
        </div>
      )}
      {match.customer && <PopCustomerDetails customer={match.customer} />}
      {match.tags.length > 0 && (
        <div>
          {match.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </div>
      )}
      <h3>Last calls</h3>
      {match.recentCalls.length === 0 ? (
        <p className="muted small">No earlier calls.</p>
      ) : (
        <ul className="pop-calls">
          {match.recentCalls.map((c) => (
            <li key={c.id}>
              <span className={`badge status-${c.status}`}>{callStatusLabel[c.status]}</span>
              <span className="pop-call-subject">{c.subject}</span>
              <span className="muted">
                {formatInstant(c.at)}
                {c.status === 'Held' ? ` · ${formatDuration(c.durationSeconds)}` : ''}
                {c.outcomeText ? ` · ${c.outcomeText}` : c.statusReason ? ` · ${c.statusReason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {(match.type === 'contact' || match.type === 'lead') && (
        <>
          <h3>Last texts</h3>
          <div className="pop-texts">
            <ContactMessages related={{ type: match.type, id: match.id }} limit={3} />
          </div>
          <button
            className="secondary-action"
            onClick={() => compose({ related: { type: match.type, id: match.id, name: match.name } })}
          >
            Send text
          </button>
        </>
      )}
      <h3>Open tasks</h3>
      {match.openTasks.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="pop-tasks">
          {match.openTasks.map((t) => (
            <li key={t.id}>
              {t.subject}
              {t.dueAt && <span className="muted"> · due {formatInstant(t.dueAt)}</span>}
            </li>
          ))}
        </ul>
      )}
      {props.others > 0 && (
        <button className="link-button small" onClick={props.onSwitch}>
          Not {match.name}? {props.others} other match{props.others > 1 ? 'es' : ''}
        </button>
      )}
    </div>
  );
}
