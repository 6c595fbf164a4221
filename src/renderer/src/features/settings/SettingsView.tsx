import { useEffect, useState, type FormEvent } from 'react';
import { AGENT_NAME_MAX_LENGTH, type Settings } from '../../../../shared/api/settings';
import { timeZoneProblem } from '../../../../shared/domain/planned-time';
import { regionProblem } from '../../../../shared/domain/region';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import { AudioTestCard } from '../audio/AudioTestCard';
import { DeviceFields } from '../audio/DeviceFields';
import { SessionCard } from '../sync/SessionCard';
import { BlockedNumbersCard } from './BlockedNumbersCard';
import { CompanySettingsCard } from './CompanySettingsCard';
import { DesktopSettings } from '../desktop/DesktopSettings';
import { DiagnosticsCard } from '../desktop/DiagnosticsCard';

export function SettingsView() {
  const settings = useQuery('settings.get', {}, ['settings']);
  const demo = useQuery('demo.status', {}, ['demo']);
  const info = useQuery('app.info', {}, []);
  const toast = useUi((s) => s.toast);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(settings.data ?? null), [settings.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    const problem = regionProblem(draft.defaultRegion) ?? timeZoneProblem(draft.timeZone);
    if (problem) {
      setError(problem);
      return;
    }
    try {
      await call('settings.update', draft);
      toast('info', 'Settings saved.');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const removeDemo = async () => {
    if (!confirm('Remove all demo accounts, contacts, calls and tasks? Your own records stay.')) return;
    try {
      await call('demo.remove', {});
      toast('info', 'Demo data removed.');
    } catch (err) {
      toast('error', errorMessage(err));
    }
  };

  if (!draft) return <p className="empty">Loading…</p>;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });

  return (
    <section className="page narrow" aria-label="Settings">
      <h1>Settings</h1>
      <form className="form card" onSubmit={save}>
        <h2>Agent</h2>
        <label>
          Display name
          <input
            value={draft.agentName}
            onChange={(e) => set('agentName', e.target.value)}
            required
            // The schema's limit: a longer name stops here instead of failing the save.
            maxLength={AGENT_NAME_MAX_LENGTH}
          />
        </label>
        <label>
          Default region for numbers without a country code
          <input
            value={draft.defaultRegion}
            onChange={(e) => set('defaultRegion', e.target.value.toUpperCase())}
            maxLength={2}
            pattern="[A-Z]{2}"
          />
        </label>
        <label>
          Time zone
          <input value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} list="settings-zones" />
        </label>
        <datalist id="settings-zones">
          {Intl.supportedValuesOf('timeZone').map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <h2>Audio</h2>
        <p className="hint">Remembered on this computer only.</p>
        <DeviceFields value={draft} onChange={(field, id) => set(field, id)} idPrefix="settings-audio" />
        <h2>Dialing</h2>
        <label className="inline">
          <input type="checkbox" checked={draft.autoDial} onChange={(e) => set('autoDial', e.target.checked)} /> Dial
          links at once, without a confirm sheet
        </label>
        <label>
          Numbers flagged do-not-contact
          <select
            value={draft.doNotContactPolicy}
            onChange={(e) => set('doNotContactPolicy', e.target.value as Settings['doNotContactPolicy'])}
          >
            <option value="block">Block the call</option>
            <option value="warn">Warn, then allow</option>
          </select>
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
      </form>
      <AudioTestCard />
      <DesktopSettings />
      <DiagnosticsCard />
      <SessionCard />
      <CompanySettingsCard />
      <BlockedNumbersCard />
      <section className="card">
        <h2>Demo data</h2>
        {demo.data?.present ? (
          <>
            <p>
              Switchboard started with demo records so the console is alive on first start:{' '}
              {Object.entries(demo.data.counts)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${n} ${n === 1 ? k : k === 'opportunity' ? 'opportunities' : `${k}s`}`)
                .join(', ')}
              .
            </p>
            <button className="danger" onClick={() => void removeDemo()}>
              Remove demo data
            </button>
          </>
        ) : (
          <p>No demo data.</p>
        )}
      </section>
      {info.data && (
        <section className="card">
          <h2>About</h2>
          <dl className="fields">
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{info.data.dataDir}</dd>
            <dt>Schema</dt>
            <dd>{info.data.schemaVersion}</dd>
          </dl>
        </section>
      )}
    </section>
  );
}
