import { useState, type FormEvent } from 'react';
import type { CallRecord, Participant, RelatedRef } from '../../../../shared/domain/call';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { RelatedPicker } from '../line/RelatedPicker';
import { ParticipantPicker } from './ParticipantPicker';
import { FormFooter } from '../../ui/FormFooter';

/** Edits who took part in a call and what it is about, on any call, in any status. */
export function PeopleSheet({ call, onClose }: { call: CallRecord; onClose: () => void }) {
  const toast = useUi((s) => s.toast);
  const [participants, setParticipants] = useState<Participant[]>(call.participants);
  const [related, setRelated] = useState<RelatedRef | null>(call.related);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await invoke('calls.update', { id: call.id, participants, related });
      toast('info', 'Participants and related record saved.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title="Participants and related record" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <ParticipantPicker value={participants} onChange={setParticipants} />
        <div className="field">
          <span className="field-label">Related to</span>
          <RelatedPicker value={related} onChange={setRelated} />
        </div>
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Back" submitLabel="Save" />
      </form>
    </Sheet>
  );
}
