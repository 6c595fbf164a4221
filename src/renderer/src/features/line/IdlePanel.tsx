import { useState, type FormEvent } from 'react';
import type { LineSnapshot } from '../../../../shared/api/line';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import { requestDial } from './dial-store';
import { lineCommand } from './line-store';
import { useReadiness } from './readiness-store';

/** No call: a dial box, and on the simulated line a way to make the phone ring. */
export function IdlePanel({ snapshot }: { snapshot: LineSnapshot }) {
  const [number, setNumber] = useState('');
  const notReady = useReadiness((s) => s.readiness?.level === 'not-ready');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (number.trim()) void requestDial(number.trim(), 'ui');
  };
  return (
    <section className="idle" aria-label="Dial">
      <p className="muted">
        {snapshot.availability !== 'Available'
          ? 'Calls will not ring while you are not Available.'
          : notReady
            ? 'Calls cannot reach you until the line is ready.'
            : 'Ready for calls.'}
      </p>
      <form className="quick-dial" onSubmit={submit}>
        <input
          aria-label="Number to call"
          placeholder="Number to call"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          inputMode="tel"
        />
        <button type="submit" className="answer" disabled={!number.trim()}>
          Call
        </button>
      </form>
      {snapshot.line === 'simulated' && <SimulatorControls />}
    </section>
  );
}

/** The simulated line's developer menu: inbound calls and scripted outbound outcomes. */
function SimulatorControls() {
  const toast = useUi((s) => s.toast);
  const [from, setFrom] = useState('');
  const [outNumber, setOutNumber] = useState('');
  const [outcome, setOutcome] = useState<'answer' | 'busy' | 'no-answer' | 'declined' | 'failed'>('busy');

  const ring = (e: FormEvent) => {
    e.preventDefault();
    void lineCommand('dev.injectInbound', { from: from.trim() });
  };
  const script = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { e164 } = await call('dev.scriptOutbound', { number: outNumber.trim(), outcome });
      toast('info', `Calls to ${e164} will end: ${outcome}.`);
    } catch (error) {
      toast('error', errorMessage(error));
    }
  };

  return (
    <details className="simulator">
      <summary>Simulated line</summary>
      <form className="form compact" onSubmit={ring}>
        <label>
          Incoming call from
          <input value={from} onChange={(e) => setFrom(e.target.value)} placeholder="+14155550123" required />
        </label>
        <button type="submit">Ring</button>
      </form>
      <form className="form compact" onSubmit={script}>
        <label>
          Outgoing calls to
          <input value={outNumber} onChange={(e) => setOutNumber(e.target.value)} required />
        </label>
        <label>
          end as
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            <option value="answer">answered</option>
            <option value="busy">busy</option>
            <option value="no-answer">no answer</option>
            <option value="declined">declined</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button type="submit">Set</button>
      </form>
    </details>
  );
}
