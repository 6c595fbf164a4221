import { useEffect, useRef, useState } from 'react';
import type { LineSnapshot, LiveCall, MatchRef } from '../../../../shared/api/line';
import { warningsInWords } from '../../../../shared/voice/quality';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { useSaveAsYouType } from '../../ui/use-save-as-you-type';
import { useAudio } from '../audio/audio-store';
import { LevelMeter } from '../audio/DeviceFields';
import { BookVisitSheet } from '../customers/BookVisitSheet';
import { CallerCard } from './CallerCard';
import { Keypad } from './Keypad';
import { lineCommand } from './line-store';
import { shortcuts } from './shortcuts';
import { ConsultStrip } from './ConsultStrip';
import { TransferSheet } from './TransferSheet';
import { formatClock, useElapsed } from './use-elapsed';

/** The connected call: timer, controls, keypad, notes, and who it is with. */
export function CallPanel(props: {
  snapshot: LineSnapshot;
  live: LiveCall;
  onChoose: (match: MatchRef) => void;
  onCreateContact: (number: string) => void;
}) {
  const { live } = props;
  const onHold = props.snapshot.phase === 'on-hold';
  const elapsed = useElapsed(live.answeredAt);
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [booking, setBooking] = useState(false);
  // A visit is booked for a contact: the chosen match, when it is one.
  const customerId = live.chosen?.type === 'contact' ? live.chosen.id : null;
  // While consulting a transfer target the customer must stay on hold: complete or cancel instead.
  const consulting = live.transfer?.state === 'consulting';

  return (
    <section className="call-panel" aria-label="Call in progress">
      {/* The caller card below has h3s; without an h2 above them the outline skips a level. */}
      <h2 className="visually-hidden">Call in progress</h2>
      <div className="call-status">
        <span className={`call-state ${onHold ? 'held' : 'live'}`}>{onHold ? 'On hold' : 'Connected'}</span>
        <span className="call-timer" role="timer" aria-label="Call time">
          {formatClock(elapsed)}
        </span>
      </div>
      {live.reconnecting && (
        <p className="warning" role="status">
          Connection lost, reconnecting…
        </p>
      )}
      {live.warnings.length > 0 && (
        <p className="hint" role="status">
          Call quality: {warningsInWords(live.warnings)}
        </p>
      )}
      {props.snapshot.line === 'twilio' && <CallLevels />}
      <div className="control-grid">
        <button
          className={live.muted ? 'toggled' : ''}
          aria-pressed={live.muted}
          onClick={() => void lineCommand('line.mute', { muted: !live.muted })}
          title={shortcuts.mute.keys}
        >
          {live.muted ? 'Unmute' : 'Mute'}
          <kbd>{shortcuts.mute.keys}</kbd>
        </button>
        <button
          className={onHold ? 'toggled' : ''}
          aria-pressed={onHold}
          disabled={consulting}
          onClick={() => void lineCommand(onHold ? 'line.resume' : 'line.hold')}
          title={shortcuts.hold.keys}
        >
          {onHold ? 'Resume' : 'Hold'}
          <kbd>{shortcuts.hold.keys}</kbd>
        </button>
        <button
          aria-pressed={keypadOpen}
          className={keypadOpen ? 'toggled' : ''}
          onClick={() => setKeypadOpen(!keypadOpen)}
        >
          Keypad
        </button>
        <button onClick={() => setTransferOpen(true)} disabled={consulting} aria-haspopup="dialog">
          Transfer
        </button>
        <button className="hangup" onClick={() => void lineCommand('line.hangup')} title={shortcuts.hangup.keys}>
          Hang up
          <kbd>{shortcuts.hangup.keys}</kbd>
        </button>
        {customerId && (
          <button onClick={() => setBooking(true)} aria-haspopup="dialog">
            Book visit
          </button>
        )}
      </div>
      {booking && customerId && (
        <BookVisitSheet contactId={customerId} callId={live.callId} onClose={() => setBooking(false)} />
      )}
      {consulting && live.transfer && <ConsultStrip transfer={live.transfer} />}
      {transferOpen && <TransferSheet onClose={() => setTransferOpen(false)} />}
      {keypadOpen && <Keypad sent={live.digits} />}
      <CallNotes callId={live.callId} />
      <CallerCard
        pop={live.pop}
        chosen={live.chosen}
        onChoose={props.onChoose}
        onCreateContact={props.onCreateContact}
      />
    </section>
  );
}

/** The microphone and the caller's levels, from the call's `volume` events. */
function CallLevels() {
  const level = useAudio((s) => (s.level?.source === 'call' ? s.level : null));
  return (
    <div className="call-levels">
      <LevelMeter label="Your microphone" level={level?.input ?? 0} />
      <LevelMeter label="Caller" level={level?.output ?? 0} />
    </div>
  );
}

/** Notes typed during the call go into the wrap-up draft, saved as the agent pauses. */
function CallNotes({ callId }: { callId: string }) {
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const toast = useUi((s) => s.toast);
  const edits = useRef(0);
  // An edit still waiting when the agent hangs up is sent as the panel closes, so the
  // wrap-up form (asking for its draft right after) starts from every word typed.
  const notesSaver = useSaveAsYouType(({ value, edit }: { value: string; edit: number }) => {
    call('line.notes', { notes: value }).then(
      (r) => edit === edits.current && setSaved(r.savedAt),
      (e) => toast('error', errorMessage(e)),
    );
  }, 400);

  // After a reload the notes come back from the draft the core kept.
  useEffect(() => {
    call('wrapup.get', {}).then(
      (pending) => pending?.callId === callId && setNotes(pending.draft.notes),
      () => undefined,
    );
  }, [callId]);

  const change = (value: string) => {
    setNotes(value);
    // "Saved" means the notes as shown: a later edit waits for its own acknowledgement.
    setSaved(null);
    notesSaver.schedule({ value, edit: ++edits.current });
  };

  return (
    <label className="call-notes">
      Notes
      <textarea value={notes} onChange={(e) => change(e.target.value)} rows={4} placeholder="Type while you talk" />
      <span className="hint">{saved ? 'Saved' : 'Saved to the wrap-up as you type'}</span>
    </label>
  );
}
