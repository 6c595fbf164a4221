import { useEffect, useState } from 'react';
import type { CallRecord, CallStatus, RelatedRef } from '../../../../shared/domain/call';
import { callStatusLabel } from '../../../../shared/domain/call';
import { allowedTransitions } from '../../../../shared/domain/lifecycle';
import { reminderLabel } from '../../../../shared/domain/reminder-rules';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { DemoBadge, DirectionIcon } from '../../ui/Badge';
import { formatDuration, formatInstant } from '../../ui/format';
import { useActorName } from '../../ui/use-actor-name';
import { useDispositionLabel } from '../../ui/use-dispositions';
import { TagEditor } from '../tags/TagEditor';
import { PhoneLink } from '../line/PhoneLink';
import { CallNotes } from './CallNotes';
import { CallStatusBadge } from './CallStatusBadge';
import { qualitySummaryInWords } from '../../../../shared/voice/quality';
import { FollowUpSheet } from '../follow-ups/FollowUpSheet';
import { PeopleSheet } from './PeopleSheet';
import { useSms } from '../sms/sms-store';
import { CallReviewPanel } from './CallReviewPanel';
import { CallOwnerField } from './CallOwnerField';
import { RecordingPlayer } from './RecordingPlayer';
import { Tabs } from '../../ui/Tabs';
import { StatusChangeSheet } from './StatusChangeSheet';
import './call-record.css';

/** The drawer's tabs: what happened, the recording and transcript, notes, status history, the record's details. */
const tabs = [
  { key: 'summary', label: 'Summary' },
  { key: 'recording', label: 'Recording' },
  { key: 'notes', label: 'Notes' },
  { key: 'history', label: 'History' },
  { key: 'details', label: 'Details' },
] as const;
type TabKey = (typeof tabs)[number]['key'];

const actionLabel: Record<CallStatus, string> = {
  Held: 'Mark Held',
  NotHeld: 'Mark Not Held',
  Cancelled: 'Cancel call',
  Planned: 'Plan again',
};

/** The outside number of a call: the caller's on an inbound call, the callee's on an outbound one. */
const customerNumberOf = (c: CallRecord) => (c.direction === 'Inbound' ? c.fromNumber : c.toNumber);
/** The customer the call was with: a contact or lead taking part, else the record it is filed under. */
function customerOf(c: CallRecord): RelatedRef | null {
  const person = c.participants.find((p) => p.kind === 'contact' || p.kind === 'lead');
  return person ? { type: person.kind as 'contact' | 'lead', id: person.id, name: person.name } : c.related;
}

export function CallDetail({ id }: { id: string }) {
  const call = useQuery('calls.get', { id }, ['call']);
  const navigate = useUi((s) => s.navigate);
  const [changeTo, setChangeTo] = useState<CallStatus | null>(null);
  const [editingPeople, setEditingPeople] = useState(false);
  const [addingFollowUp, setAddingFollowUp] = useState(false);
  const actorName = useActorName();
  const reminders = useQuery('reminders.ofCall', { callId: id }, ['call']);
  const dispositionLabel = useDispositionLabel();
  const compose = useSms((s) => s.compose);
  const [tab, setTab] = useState<TabKey>('summary');
  // Another call opens on its summary.
  useEffect(() => setTab('summary'), [id]);

  if (call.error) return <p className="error-text">{call.error.message}</p>;
  if (!call.data) return <p className="empty">Loading…</p>;
  const c = call.data;
  const openRelated = () => {
    if (c.related) navigate({ view: 'contacts', kind: c.related.type, id: c.related.id });
  };

  return (
    <article className="detail drawer" aria-label={`Call: ${c.subject}`}>
      <header className="detail-header">
        <DirectionIcon direction={c.direction} />
        <h1>{c.subject}</h1>
        {c.isDemo && <DemoBadge />}
        <CallStatusBadge callId={c.id} status={c.status} />
      </header>
      <div className="actions">
        {allowedTransitions(c.status).map((to) => (
          <button key={to} className={to === 'Held' ? 'primary' : ''} onClick={() => setChangeTo(to)}>
            {actionLabel[to]}
          </button>
        ))}
      </div>
      {/* Edits of the record, apart from the lifecycle: two short rows instead of one that wraps. */}
      <div className="actions record-actions">
        <button onClick={() => setEditingPeople(true)}>Edit participants</button>
        <button onClick={() => setAddingFollowUp(true)}>Add follow-up</button>
        {customerNumberOf(c) && (
          <button onClick={() => compose({ number: customerNumberOf(c)!, related: customerOf(c) })}>Send text</button>
        )}
      </div>
      <Tabs id={`call-${c.id}`} label="Call review" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'summary' && (
          <>
            <dl className="fields">
              <dt>Direction</dt>
              <dd>{c.direction}</dd>
              <dt>Planned</dt>
              <dd>
                {c.plannedStart
                  ? `${formatInstant(c.plannedStart.utc, c.plannedStart.zone)} (${c.plannedStart.zone})`
                  : '—'}
              </dd>
              <dt>Reminders</dt>
              <dd data-testid="detail-reminders">
                {(reminders.data?.items ?? []).length === 0
                  ? '—'
                  : reminders
                      .data!.items.map(
                        (r) =>
                          `${reminderLabel(r.offsetMinutes)} (${formatInstant(r.remindAt)}${r.dismissedAt ? ', cleared' : r.firedAt ? ', rang' : ''})`,
                      )
                      .join('; ')}
              </dd>
              <dt>Started</dt>
              <dd>{formatInstant(c.actualStart)}</dd>
              <dt>Ended</dt>
              <dd>{formatInstant(c.actualEnd)}</dd>
              <dt>Duration</dt>
              <dd data-testid="detail-duration">{c.status === 'Held' ? formatDuration(c.durationSeconds) : '—'}</dd>
              {c.statusReason && (
                <>
                  <dt>Reason</dt>
                  <dd>{c.statusReason}</dd>
                </>
              )}
              <dt>Outcome</dt>
              <dd>
                {c.outcome.dispositionCode && (
                  <span className="tag" data-testid="detail-disposition">
                    {dispositionLabel(c.outcome.dispositionCode)}
                  </span>
                )}{' '}
                {c.outcome.text || '—'}
              </dd>
              <dt>Tags</dt>
              <dd>
                <TagEditor entity="calls" id={c.id} label="Call tags" />
              </dd>
            </dl>
            <CallReviewPanel key={`${c.id}-${c.review?.at ?? ''}`} call={c} />
          </>
        )}
        {tab === 'recording' && (
          <>
            {c.recordingUrl && !c.isDemo ? (
              // Same origin: the host fetches it from the CRM server with the agent's session.
              <RecordingPlayer src={`/recordings/${encodeURIComponent(c.id)}`} />
            ) : (
              <p className="muted">No recording of this call.</p>
            )}
            <section aria-label="Transcript" className="transcript">
              <h2>Transcript</h2>
              {c.transcript ? (
                <p className="transcript-text">{c.transcript.text}</p>
              ) : (
                <p className="muted">No transcript.</p>
              )}
            </section>
          </>
        )}
        {tab === 'notes' && <CallNotes callId={c.id} />}
        {tab === 'history' && (
          <section aria-label="Status history">
            <h2>Status history</h2>
            <ol className="history">
              {[...c.history].reverse().map((h, i) => (
                <li key={i} className="history-entry">
                  <span className="history-when">{formatInstant(h.at)}</span>
                  <span className="history-what">
                    {h.from ? `${callStatusLabel[h.from]} → ` : 'Created as '}
                    <strong>{callStatusLabel[h.to]}</strong>
                    {h.reason ? ` — ${h.reason}` : ''}
                  </span>
                  <span className="history-who muted">by {actorName(h.by)}</span>
                </li>
              ))}
            </ol>
          </section>
        )}
        {tab === 'details' && (
          <dl className="fields">
            <CallOwnerField key={`${c.id}-${c.ownerId}`} call={c} />
            <dt>From</dt>
            <dd>{c.fromNumber ? <PhoneLink e164={c.fromNumber} /> : '—'}</dd>
            <dt>To</dt>
            <dd>{c.toNumber ? <PhoneLink e164={c.toNumber} /> : '—'}</dd>
            <dt>Related</dt>
            <dd>
              {c.related ? (
                <button className="link-button" onClick={openRelated}>
                  {c.related.name || c.related.id} <span className="muted">({c.related.type})</span>
                </button>
              ) : (
                '—'
              )}
            </dd>
            <dt>Participants</dt>
            <dd>
              {c.participants.length === 0 ? (
                '—'
              ) : (
                <ul className="participant-names" aria-label="Participants">
                  {c.participants.map((p) => (
                    <li key={p.id}>
                      {p.name || p.id}{' '}
                      <span className="muted">
                        ({p.kind === 'user' ? 'teammate' : p.kind}, {p.role})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            {c.quality && (
              <>
                <dt>Call quality</dt>
                <dd data-testid="detail-quality">{qualitySummaryInWords(c.quality)}</dd>
              </>
            )}
          </dl>
        )}
      </Tabs>
      {addingFollowUp && <FollowUpSheet call={c} onClose={() => setAddingFollowUp(false)} />}
      {editingPeople && <PeopleSheet call={c} onClose={() => setEditingPeople(false)} />}
      {changeTo && <StatusChangeSheet call={c} to={changeTo} onClose={() => setChangeTo(null)} />}
    </article>
  );
}
