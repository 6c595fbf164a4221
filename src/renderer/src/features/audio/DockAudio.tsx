import { useState } from 'react';
import type { Settings } from '../../../../shared/api/settings';
import { call, errorMessage } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import { useUi } from '../../state/ui-store';
import './audio.css';
import { useAudio } from './audio-store';
import { DeviceFields, type DeviceSettings } from './DeviceFields';

/**
 * The dock's audio devices, folded away until wanted: microphone, speaker and ringer,
 * each saved at once for this machine. A chosen device unplugged during a call shows
 * here in words (the line moved to the system default).
 */
export function DockAudio() {
  const settings = useQuery('settings.get', {}, ['settings']);
  const toast = useUi((s) => s.toast);
  const change = (field: keyof DeviceSettings, id: string | null) => {
    call('settings.update', { [field]: id } as Partial<Settings>).then(
      () => undefined,
      (error) => toast('error', errorMessage(error)),
    );
  };
  if (!settings.data) return null;
  return (
    <>
      <AudioNotice />
      <details className="dock-audio">
        <summary>Audio devices</summary>
        <div className="form compact">
          <DeviceFields value={settings.data} onChange={change} idPrefix="dock-audio" />
        </div>
      </details>
    </>
  );
}

/** The last device that went away, until the agent has read it. */
function AudioNotice() {
  const notice = useAudio((s) => s.view?.notice ?? null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!notice || dismissed === notice.at) return null;
  return (
    <p className="warning audio-notice" role="alert">
      <span>{notice.text}</span>
      <button type="button" className="link-button" onClick={() => setDismissed(notice.at)}>
        Dismiss
      </button>
    </p>
  );
}
