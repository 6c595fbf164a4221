import { useState, type FormEvent } from 'react';
import type { ComposeInfo } from '../../../../shared/api/sms';
import { countSegments, segmentSummary } from '../../../../shared/sms/segments';
import { fillTemplate, templateVariables, variableLabel } from '../../../../shared/sms/templates';
import { call as invoke, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { useSms, type ComposeTarget } from './sms-store';
import './sms.css';

/**
 * Texting a customer: opened from a contact, a call, the screen pop, the missed calls
 * and sms: links (sms-store.ts). It shows the customer's clock, counts characters and
 * segments as the carrier will (GSM-7 or UCS-2), fills a template's variables into a
 * preview, holds a text in the customer's quiet hours until the agent confirms, and
 * says why a number cannot be texted instead of offering to send.
 */
export function ComposeSmsSheet() {
  const target = useSms((s) => s.target);
  const close = useSms((s) => s.close);
  if (!target) return null;
  return <ComposeForm target={target} onClose={close} />;
}

function ComposeForm({ target, onClose }: { target: ComposeTarget; onClose: () => void }) {
  const [number, setNumber] = useState(target.number ?? '');
  const query = useQuery(
    'sms.compose',
    { ...(number ? { number } : {}), ...(target.related ? { related: target.related } : {}) },
    ['message', 'contact', 'settings'],
  );
  const info = query.data;
  return (
    <Sheet title="Text message" onClose={onClose}>
      {query.error && <p className="error-text">{query.error.message}</p>}
      {!info && !query.error && <p className="muted">Loading…</p>}
      {info && <ComposeFields info={info} number={number} onNumber={setNumber} onClose={onClose} />}
    </Sheet>
  );
}

function ComposeFields(props: {
  info: ComposeInfo;
  number: string;
  onNumber: (number: string) => void;
  onClose: () => void;
}) {
  const { info, onClose } = props;
  const toast = useUi((s) => s.toast);
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState('');
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [quietConfirmed, setQuietConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const filled = fillTemplate(text, { ...info.values, ...extra });
  const asked = templateVariables(text).filter((name) => !info.values[name]);
  const count = countSegments(filled.text);

  const pickTemplate = (id: string) => {
    setTemplateId(id);
    const template = info.templates.find((t) => t.id === id);
    if (template) setText(template.body);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!info.number || info.blocked) return;
    if (filled.missing.length > 0) {
      setError(`Fill in ${filled.missing.map(variableLabel).join(', ')} first.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = await invoke('sms.send', {
        to: info.number,
        body: filled.text,
        related: info.related,
        quietHoursConfirmed: quietConfirmed,
      });
      toast('info', sent.status === 'queued' ? 'Text queued: it goes out as soon as the server has it.' : 'Text sent.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form sms-compose" aria-label="Compose text" onSubmit={submit}>
      <div className="sms-recipient">
        <p>
          <strong>{info.related?.name || info.numberDisplay || 'New number'}</strong>
          {info.related && info.numbers.length <= 1 && <span className="muted"> · {info.numberDisplay}</span>}
        </p>
        <p className="muted">
          Their time <strong className="sms-local-time">{info.localTime}</strong>
        </p>
      </div>
      {info.numbers.length > 1 && (
        <label>
          Number
          <select value={info.number ?? ''} onChange={(e) => props.onNumber(e.target.value)}>
            {info.numbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {n.display} ({n.kind})
              </option>
            ))}
          </select>
        </label>
      )}
      {!info.related && (
        <label>
          Number
          <input value={props.number} onChange={(e) => props.onNumber(e.target.value)} inputMode="tel" />
        </label>
      )}
      {info.blocked ? (
        <p className="warning" role="alert">
          <strong>Cannot text this number.</strong> {info.blocked}
        </p>
      ) : (
        <>
          {info.templates.length > 0 && (
            <label>
              Template
              <select value={templateId} onChange={(e) => pickTemplate(e.target.value)}>
                <option value="">No template</option>
                {info.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Message
            <textarea rows={4} value={text} maxLength={1600} onChange={(e) => setText(e.target.value)} required />
          </label>
          {asked.map((name) => (
            <label key={name}>
              {variableLabel(name)}
              <input value={extra[name] ?? ''} onChange={(e) => setExtra({ ...extra, [name]: e.target.value })} />
            </label>
          ))}
          {templateVariables(text).length > 0 && (
            <section className="sms-preview" aria-label="Preview">
              <h3>Preview</h3>
              <p>{filled.text}</p>
            </section>
          )}
          <p className="sms-counter" data-testid="sms-counter" aria-live="polite">
            {segmentSummary(count)}
          </p>
          {info.inQuietHours && (
            <div className="warning" role="note">
              <p>
                It is {info.localTime} for them, inside quiet hours ({info.quietHours.start}–{info.quietHours.end} their
                time). The text is held until you confirm.
              </p>
              <label className="inline">
                <input type="checkbox" checked={quietConfirmed} onChange={(e) => setQuietConfirmed(e.target.checked)} />
                Send anyway during quiet hours
              </label>
            </div>
          )}
        </>
      )}
      <FormFooter
        error={error}
        busy={busy || Boolean(info.blocked) || !info.number || (info.inQuietHours && !quietConfirmed)}
        onBack={onClose}
        backLabel="Cancel"
        submitLabel="Send text"
      />
    </form>
  );
}
