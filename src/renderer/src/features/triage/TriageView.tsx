import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MatchRef } from '../../../../shared/api/line';
import type { TriageItem } from '../../../../shared/api/triage';
import { dispositionsFor } from '../../../../shared/domain/disposition';
import { triageReasonLabel } from '../../../../shared/domain/triage';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { formatInstant } from '../../ui/format';
import { CallerCard } from '../line/CallerCard';
import { requestDial } from '../line/dial-store';
import { TriageSummary, type Outcome } from './TriageSummary';
import './triage.css';

/**
 * Triage mode: one call at a time from the queue the core built when the pass started
 * (emergencies first), with who it is (the caller card), a disposition required before
 * Next, and everything on the keyboard: 1–9 pick a disposition, N next, P previous,
 * S skip, C call back. The queue is a snapshot, so a call decided here stays in place
 * and the count ("12 of 87") does not move under the agent.
 */

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');

export function TriageView() {
  const [queue, setQueue] = useState<TriageItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [calledBack, setCalledBack] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const dispositions = useQuery('calls.dispositions', {}, ['settings']);

  const start = useCallback(() => {
    setQueue(null);
    setIndex(0);
    setOutcomes({});
    setChosen({});
    setCalledBack(0);
    call('triage.queue', {}).then(
      (reply) => setQueue(reply.items),
      (failure: unknown) => setLoadError(errorMessage(failure)),
    );
  }, []);
  useEffect(start, [start]);

  const item = queue?.[index];
  const fitting = useMemo(
    () => (item && dispositions.data ? dispositionsFor(dispositions.data.items, item.call) : []),
    [item, dispositions.data],
  );
  const code = item ? (chosen[item.call.id] ?? item.call.outcome.dispositionCode ?? '') : '';

  const next = useCallback(async () => {
    if (!item) return;
    if (!code) {
      setProblem('Choose a disposition before Next (keys 1–9).');
      return;
    }
    setProblem(null);
    try {
      if (code !== item.call.outcome.dispositionCode) {
        await call('calls.update', {
          id: item.call.id,
          outcome: { dispositionCode: code, text: item.call.outcome.text },
        });
        setQueue(
          (q) =>
            q?.map((entry) =>
              entry.call.id === item.call.id
                ? { ...entry, call: { ...entry.call, outcome: { ...entry.call.outcome, dispositionCode: code } } }
                : entry,
            ) ?? null,
        );
      }
      setOutcomes((o) => ({ ...o, [item.call.id]: 'decided' }));
      setIndex((i) => i + 1);
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  }, [item, code]);

  const skip = useCallback(() => {
    if (!item) return;
    setProblem(null);
    setOutcomes((o) => ({ ...o, [item.call.id]: o[item.call.id] ?? 'skipped' }));
    setIndex((i) => i + 1);
  }, [item]);

  const previous = useCallback(() => {
    setProblem(null);
    setIndex((i) => Math.max(0, i - 1));
  }, []);

  const callBack = useCallback(() => {
    if (!item?.number) {
      setProblem('This call has no number to call back.');
      return;
    }
    setCalledBack((n) => n + 1);
    const match = item.pop?.matches[0];
    void requestDial(item.number, 'ui', match?.type === 'contact' ? match.id : undefined);
  }, [item]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!item || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      // A sheet (the call-back confirmation) is open: its keys are its own.
      if (document.querySelector('[role="dialog"]')) return;
      const key = event.key.toLowerCase();
      if (/^[1-9]$/.test(key)) {
        const entry = fitting[Number(key) - 1];
        if (entry) {
          setChosen((c) => ({ ...c, [item.call.id]: entry.code }));
          setProblem(null);
        }
      } else if (key === 'n') void next();
      else if (key === 'p') previous();
      else if (key === 's') skip();
      else if (key === 'c') callBack();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [item, fitting, next, previous, skip, callBack]);

  if (loadError) return <p className="error-text">{loadError}</p>;
  if (!queue) return <p className="empty">Loading the queue…</p>;
  const total = queue.length;

  return (
    <section className="triage" aria-label="Triage">
      <header className="triage-header">
        <h1>Triage</h1>
        {total > 0 && (
          <div className="triage-progress">
            <span>{index < total ? `${index + 1} of ${total}` : `${total} of ${total}`}</span>
            <div
              className="triage-bar"
              role="progressbar"
              aria-label="Triage progress"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={Math.min(index, total)}
              aria-valuetext={`${Math.min(index, total)} of ${total} done`}
            >
              <div style={{ width: `${(Math.min(index, total) / total) * 100}%` }} />
            </div>
          </div>
        )}
      </header>
      {total === 0 && <p className="empty">Nothing to triage: every finished call has a disposition.</p>}
      {item ? (
        <TriageCard
          item={item}
          code={code}
          fitting={fitting}
          problem={problem}
          onChoose={(value) => {
            setChosen((c) => ({ ...c, [item.call.id]: value }));
            setProblem(null);
          }}
          onPrevious={previous}
          onSkip={skip}
          onNext={() => void next()}
          onCallBack={callBack}
          first={index === 0}
        />
      ) : (
        total > 0 && <TriageSummary queue={queue} outcomes={outcomes} calledBack={calledBack} onAgain={start} />
      )}
    </section>
  );
}

function TriageCard(props: {
  item: TriageItem;
  code: string;
  fitting: { code: string; label: string }[];
  problem: string | null;
  first: boolean;
  onChoose: (code: string) => void;
  onPrevious: () => void;
  onSkip: () => void;
  onNext: () => void;
  onCallBack: () => void;
}) {
  const { item } = props;
  const navigate = useUi((s) => s.navigate);
  const [match, setMatch] = useState<MatchRef | null>(null);
  const chosenMatch =
    match ?? (item.pop?.matches[0] ? { type: item.pop.matches[0].type, id: item.pop.matches[0].id } : null);
  const when = item.call.actualStart ?? item.call.createdAt;
  return (
    <article className="triage-card" aria-label={`Call: ${item.call.subject}`}>
      <div className="triage-flags">
        {item.emergency && <span className="badge triage-emergency">Emergency</span>}
        {item.afterHours && <span className="badge triage-after-hours">After hours</span>}
        <span className="badge">{triageReasonLabel[item.reason]}</span>
      </div>
      <h2>{item.call.subject}</h2>
      <p className="muted">
        {item.call.direction} · {formatInstant(when)}
        {item.tags.length > 0 && ` · ${item.tags.join(', ')}`}
      </p>
      {item.pop ? (
        <CallerCard
          pop={item.pop}
          chosen={chosenMatch}
          onChoose={setMatch}
          onCreateContact={() => navigate({ view: 'contacts' })}
        />
      ) : (
        <p className="muted">No number on this call.</p>
      )}
      <label className="triage-disposition">
        Disposition
        <select value={props.code} onChange={(event) => props.onChoose(event.target.value)}>
          <option value="">Choose…</option>
          {props.fitting.map((entry, position) => (
            <option key={entry.code} value={entry.code}>
              {position < 9 ? `${position + 1}. ` : ''}
              {entry.label}
            </option>
          ))}
        </select>
      </label>
      {props.problem && (
        <p className="error-text" role="alert">
          {props.problem}
        </p>
      )}
      <div className="triage-actions">
        <button onClick={props.onPrevious} disabled={props.first} aria-keyshortcuts="P">
          Previous <kbd>P</kbd>
        </button>
        <button onClick={props.onSkip} aria-keyshortcuts="S">
          Skip <kbd>S</kbd>
        </button>
        <button onClick={props.onCallBack} disabled={!item.number} aria-keyshortcuts="C">
          Call back <kbd>C</kbd>
        </button>
        <button className="primary" onClick={props.onNext} aria-keyshortcuts="N">
          Next <kbd>N</kbd>
        </button>
      </div>
      <p className="muted triage-keys">Keys: 1–9 choose a disposition · N next · P previous · S skip · C call back</p>
    </article>
  );
}
