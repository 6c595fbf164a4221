import { Fragment, useEffect, useState } from 'react';
import type { PreflightResult } from '../../../../shared/voice/audio';
import { call, errorMessage } from '../../bridge/client';
import { formatInstant } from '../../ui/format';
import { useAudio } from './audio-store';
import './audio.css';
import { LevelMeter } from './DeviceFields';

const verdictWords: Record<PreflightResult['verdict'], string> = {
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  failed: 'Failed',
};

/**
 * Before taking calls: the microphone's level (speak and watch it move) and the pre-call
 * test, a short test call through Twilio that says in words whether calls will sound right.
 */
export function AudioTestCard() {
  const level = useAudio((s) => s.level);
  const [metering, setMetering] = useState(false);
  const [meterProblem, setMeterProblem] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<PreflightResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);

  // The meter opens the microphone: it stops when the agent leaves Settings.
  useEffect(() => {
    if (!metering) return;
    call('voice.meter', { on: true }).then(
      ({ running }) =>
        setMeterProblem(running ? null : 'The microphone test needs the Twilio line and its voice host.'),
      (error) => setMeterProblem(errorMessage(error)),
    );
    return () => void call('voice.meter', { on: false }).catch(() => undefined);
  }, [metering]);

  const runTest = async () => {
    setTesting(true);
    setTestError(null);
    try {
      setResult(await call('voice.preflight', {}));
    } catch (error) {
      setTestError(errorMessage(error));
    } finally {
      setTesting(false);
    }
  };

  return (
    <section className="card audio-test" aria-label="Audio test">
      <h2>Microphone and call test</h2>
      <div className="audio-test-row">
        <button type="button" aria-pressed={metering} onClick={() => setMetering(!metering)}>
          {metering ? 'Stop microphone test' : 'Test microphone'}
        </button>
        {metering && <LevelMeter label="Microphone level" level={level?.source === 'meter' ? level.input : 0} />}
      </div>
      {meterProblem && <p className="hint">{meterProblem}</p>}
      <div className="audio-test-row">
        <button type="button" onClick={() => void runTest()} disabled={testing}>
          {testing ? 'Testing… (a few seconds)' : 'Run pre-call test'}
        </button>
      </div>
      {testError && (
        <p className="error-text" role="alert">
          {testError}
        </p>
      )}
      {result && (
        <div className={`preflight preflight-${result.verdict}`} role="status" aria-label="Pre-call test result">
          <p className="preflight-summary">
            <strong>{verdictWords[result.verdict]}</strong> · {result.summary}
          </p>
          <dl className="fields">
            {result.lines.map((line) => (
              <Fragment key={line.label}>
                <dt>{line.label}</dt>
                <dd>{line.text}</dd>
              </Fragment>
            ))}
          </dl>
          <p className="hint">Tested {formatInstant(result.finishedAt)}</p>
        </div>
      )}
    </section>
  );
}
