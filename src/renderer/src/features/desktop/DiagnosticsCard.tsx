import { useState } from 'react';
import type { Diagnostics } from '../../../../shared/api/desktop';
import { call, errorMessage } from '../../bridge/client';
import { useUi } from '../../state/ui-store';
import './desktop.css';

/**
 * Help → Diagnostics: the report support asks for (versions, line readiness, registration
 * history, last errors, sync state), already redacted by the core, shown and copied.
 * The desktop app's Help menu copies the same report with its log file's place added.
 */
export function DiagnosticsCard() {
  const toast = useUi((s) => s.toast);
  const [report, setReport] = useState<Diagnostics | null>(null);

  const load = async (): Promise<Diagnostics | null> => {
    try {
      const next = await call('app.diagnostics', {});
      setReport(next);
      return next;
    } catch (err) {
      toast('error', errorMessage(err));
      return null;
    }
  };
  const copy = async () => {
    const next = await load();
    if (!next) return;
    try {
      await navigator.clipboard.writeText(next.text);
      toast('info', 'Diagnostics copied. Paste them into your message to support.');
    } catch {
      toast('error', 'The clipboard refused the text: select it below and copy it by hand.');
    }
  };

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Help and diagnostics</h2>
      <p>
        For support: versions, line readiness, registration history, last errors and sync state. Passwords, tokens and
        phone numbers are left out.
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => void load()}>
          Show diagnostics
        </button>
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy diagnostics
        </button>
      </div>
      {report && (
        <pre className="diagnostics" tabIndex={0} aria-label="Diagnostics report">
          {report.text}
        </pre>
      )}
    </section>
  );
}
