import { useState, type FormEvent } from 'react';
import type { CallRecord } from '../../../../shared/domain/call';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { Sheet } from '../../ui/Sheet';
import { PlannedTimeFields, type PlannedChoice } from './PlannedTimeFields';
import { FormFooter } from '../../ui/FormFooter';

/**
 * Moves a planned call: a new date, time and zone. Its reminders, the owner's and each
 * teammate's, are due again from the new time (the shared reminder rule, in the core
 * and on the server).
 */
export function RescheduleSheet({ call, onClose }: { call: CallRecord; onClose: () => void }) {
  const settings = useQuery('settings.get', {}, ['settings']);
  const agentZone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const customer = useQuery('contacts.get', call.related?.type === 'contact' ? { id: call.related.id } : null, [
    'contact',
  ]);
  const customerZone = customer.data?.contact.timeZone ?? customer.data?.account?.timeZone ?? null;
  const toast = useUi((s) => s.toast);
  const [planned, setPlanned] = useState<PlannedChoice>({
    local: call.plannedStart?.local ?? '',
    zone: call.plannedStart?.zone ?? agentZone,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await invoke('calls.update', { id: call.id, plannedStart: planned });
      toast('info', 'Call rescheduled; its reminders follow the new time.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={`Reschedule: ${call.subject}`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <PlannedTimeFields
          value={planned}
          onChange={setPlanned}
          agentZone={agentZone}
          customerZone={customerZone}
          customerName={call.related?.type === 'contact' ? call.related.name : null}
          label="New time"
        />
        <FormFooter error={error} busy={busy} onBack={onClose} backLabel="Back" submitLabel="Reschedule" />
      </form>
    </Sheet>
  );
}
