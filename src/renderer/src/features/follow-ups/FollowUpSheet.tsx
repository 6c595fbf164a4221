import { useState, type FormEvent } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { FollowUpFields, followUpInput, type FollowUpChoice } from './FollowUpFields';
import { FormFooter } from '../../ui/FormFooter';

/** A follow-up task from a call's detail or the Tasks view: a preset or any due time. */
export function FollowUpSheet({ call, onClose }: { call: CallRecord | null; onClose: () => void }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const zone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const toast = useUi((s) => s.toast);
  const [choice, setChoice] = useState<FollowUpChoice>({
    subject: call ? `Follow up: ${call.subject}` : '',
    preset: 'in2h',
    local: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = followUpInput(choice, zone);
    if (!input) {
      setError('Pick when the follow-up is due.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await invoke('followUps.create', { ...input, callId: call?.id ?? null });
      toast('info', 'Follow-up task created.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title="New follow-up" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {call && (
          <p className="muted">
            Linked to the call “{call.subject}”{call.related ? ` and ${call.related.name}` : ''}.
          </p>
        )}
        <FollowUpFields value={choice} onChange={setChoice} zone={zone} />
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Back" submitLabel="Create follow-up" />
      </form>
    </Sheet>
  );
}
