import { useEffect, useState, type FormEvent } from 'react';
import type { CompanySettingsInput } from '../../../../shared/domain/company-settings';
import { timeZoneProblem } from '../../../../shared/domain/planned-time';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { useSync } from '../sync/sync-store';
import './company-settings.css';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Settings → Company: the business hours triage reads "after hours" by, and whether
 * unknown callers an agent names become customer profiles. They are the company's, kept
 * on the CRM server: supervisors and admins change them here (online only), agents see
 * what applies.
 */
export function CompanySettingsCard() {
  const view = useQuery('companySettings.get', {}, ['settings']);
  const session = useSync((s) => s.session);
  const toast = useUi((s) => s.toast);
  const [draft, setDraft] = useState<CompanySettingsInput | null>(null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refetch } = view;
  // Signing in or out changes whose settings apply, and who may change them.
  useEffect(() => refetch(), [refetch, session?.signedIn, session?.user?.role]);
  // A fresh copy from the server replaces the form, unless the user is editing it.
  useEffect(() => {
    if (view.data && !dirty) {
      setDraft({ businessHours: view.data.businessHours, newCallerProfiles: view.data.newCallerProfiles });
    }
  }, [view.data, dirty]);

  const data = view.data;
  if (!data || !draft) {
    return (
      <section className="card company-settings" aria-labelledby="company-settings-title">
        <h2 id="company-settings-title">Company</h2>
        <p className="empty">Loading…</p>
      </section>
    );
  }
  const hours = draft.businessHours;
  const edit = (next: CompanySettingsInput) => {
    setDraft(next);
    setDirty(true);
  };
  const setHours = (patch: Partial<CompanySettingsInput['businessHours']>) =>
    edit({ ...draft, businessHours: { ...hours, ...patch } });
  const toggleDay = (day: number) =>
    setHours({
      days: hours.days.includes(day) ? hours.days.filter((d) => d !== day) : [...hours.days, day].sort((a, b) => a - b),
    });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const problem =
      timeZoneProblem(hours.zone) ??
      (hours.days.length === 0 ? 'Choose at least one opening day.' : null) ??
      (hours.opens < hours.closes ? null : 'Business hours must close after they open.');
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      await call('companySettings.update', draft);
      setDirty(false);
      toast('info', 'Company settings saved for everyone in the company.');
    } catch (err) {
      // The form keeps what was typed: saving again later sends it as it is.
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card company-settings" aria-labelledby="company-settings-title">
      <h2 id="company-settings-title">Company</h2>
      <p className="hint">
        {!data.signedIn
          ? 'Signed out: this desktop uses the defaults. Sign in to the CRM server to use your company’s settings.'
          : !data.canManage
            ? 'Your company’s settings, as the CRM server last gave them. Supervisors and admins change them.'
            : 'Saved on the CRM server for everyone in the company; changing them needs a connection to the server.'}
        {data.signedIn && !data.hoursSet && ' Business hours are not set yet: Monday to Friday, 08:00 to 18:00 apply.'}
      </p>
      <form className="form" onSubmit={save} aria-label="Company settings">
        <fieldset className="company-fields" disabled={!data.canManage}>
          <fieldset className="opening-days">
            <legend>Opening days</legend>
            {WEEKDAYS.map((name, index) => (
              <label key={name} className="inline">
                <input type="checkbox" checked={hours.days.includes(index + 1)} onChange={() => toggleDay(index + 1)} />{' '}
                {name}
              </label>
            ))}
          </fieldset>
          <div className="hours-row">
            <label>
              Opens
              <input type="time" value={hours.opens} onChange={(e) => setHours({ opens: e.target.value })} required />
            </label>
            <label>
              Closes
              <input type="time" value={hours.closes} onChange={(e) => setHours({ closes: e.target.value })} required />
            </label>
            <label className="zone">
              Company zone
              <input value={hours.zone} onChange={(e) => setHours({ zone: e.target.value })} list="company-zones" />
            </label>
          </div>
          <datalist id="company-zones">
            {Intl.supportedValuesOf('timeZone').map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p className="hint">Calls outside these hours are flagged “After hours” in triage.</p>
          <label className="inline">
            <input
              type="checkbox"
              checked={draft.newCallerProfiles}
              onChange={(e) => edit({ ...draft, newCallerProfiles: e.target.checked })}
            />{' '}
            Unknown callers the agent names become customer profiles
          </label>
        </fieldset>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {data.canManage && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save company settings'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
