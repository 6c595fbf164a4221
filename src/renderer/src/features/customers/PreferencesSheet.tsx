import { useState } from 'react';
import { channels, type ContactWindow, type Preferences } from '../../../../shared/domain/customer';
import { call } from '../../bridge/client';
import { FormFooter } from '../../ui/FormFooter';
import { Sheet } from '../../ui/Sheet';
import { channelLabel, weekdayLabels } from './labels';
import { useSave, type ProfileKey } from './use-save';

const workdays: ContactWindow = { days: [1, 2, 3, 4, 5], from: '09:00', until: '17:00' };

/** How the customer wants to be reached: channel, time windows on their clock, language, consent. */
export function PreferencesSheet(props: { subject: ProfileKey; preferences: Preferences; onClose: () => void }) {
  const [prefs, setPrefs] = useState<Preferences>(props.preferences);
  const { error, saving, submit } = useSave(props.onClose, 'Preferences saved.');
  const set = (change: Partial<Preferences>) => setPrefs({ ...prefs, ...change });
  const setWindow = (index: number, change: Partial<ContactWindow>) =>
    set({ windows: prefs.windows.map((w, i) => (i === index ? { ...w, ...change } : w)) });
  const setConsent = (change: Partial<Preferences['consent']>) => set({ consent: { ...prefs.consent, ...change } });
  return (
    <Sheet title="Contact preferences" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={submit(() => call('customers.update', { ...props.subject, preferences: prefs }))}
      >
        <label>
          Preferred channel
          <select
            value={prefs.channel ?? ''}
            onChange={(e) => set({ channel: (e.target.value || null) as Preferences['channel'] })}
          >
            <option value="">No preference</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {channelLabel[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <input value={prefs.language} onChange={(e) => set({ language: e.target.value })} />
        </label>
        {prefs.windows.map((w, index) => (
          <fieldset key={index} className="profile-rows">
            <legend>Call window {index + 1} (their time)</legend>
            <div className="weekday-picks">
              {weekdayLabels.map((label, i) => (
                <label key={label} className="inline">
                  <input
                    type="checkbox"
                    checked={w.days.includes(i + 1)}
                    onChange={(e) =>
                      setWindow(index, {
                        days: e.target.checked ? [...w.days, i + 1].sort() : w.days.filter((d) => d !== i + 1),
                      })
                    }
                  />
                  {label}
                </label>
              ))}
            </div>
            <label>
              From
              <input type="time" value={w.from} onChange={(e) => setWindow(index, { from: e.target.value })} />
            </label>
            <label>
              Until
              <input type="time" value={w.until} onChange={(e) => setWindow(index, { until: e.target.value })} />
            </label>
            <button type="button" onClick={() => set({ windows: prefs.windows.filter((_, i) => i !== index) })}>
              Remove window {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => set({ windows: [...prefs.windows, workdays] })}>
          Add a call window
        </button>
        <fieldset className="profile-rows">
          <legend>Consent</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={prefs.consent.calls}
              onChange={(e) => setConsent({ calls: e.target.checked })}
            />
            Agreed to calls
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={prefs.consent.sms}
              onChange={(e) => setConsent({ sms: e.target.checked })}
            />
            Agreed to text messages
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={prefs.consent.email}
              onChange={(e) => setConsent({ email: e.target.checked })}
            />
            Agreed to email
          </label>
          <label>
            Consent recorded on
            <input
              type="date"
              value={prefs.consent.recordedOn ?? ''}
              onChange={(e) => setConsent({ recordedOn: e.target.value || null })}
            />
          </label>
        </fieldset>
        <FormFooter
          error={error}
          busy={saving}
          onBack={props.onClose}
          backLabel="Cancel"
          submitLabel="Save preferences"
        />
      </form>
    </Sheet>
  );
}
