import { useRef, useState } from 'react';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The call's recording, played from the console's own origin (the host fetches it from
 * the CRM server's authenticated stream): play/pause, a scrubber to jump anywhere, and
 * the speed, for going through a long call quickly.
 */
export function RecordingPlayer({ src }: { src: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [speed, setSpeed] = useState<number>(1);
  const [error, setError] = useState<string | null>(null);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) {
      el.play().catch(() => setError('The recording could not be played.'));
    } else {
      el.pause();
    }
  };

  return (
    <div className="recording-player" role="group" aria-label="Recording of this call">
      <audio
        ref={audio}
        className="recording"
        preload="metadata"
        src={src}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onDurationChange={(e) => setDuration(e.currentTarget.duration)}
        onError={() => setError('The recording could not be loaded from the CRM server.')}
      />
      <button type="button" className="primary" onClick={toggle}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <input
        type="range"
        className="scrubber"
        aria-label="Position in the recording"
        min={0}
        max={Number.isFinite(duration) && duration > 0 ? duration : 0}
        step={0.1}
        value={time}
        aria-valuetext={`${clock(time)} of ${clock(duration)}`}
        onChange={(e) => {
          const to = Number(e.target.value);
          if (audio.current) audio.current.currentTime = to;
          setTime(to);
        }}
      />
      <span className="recording-clock mono" data-testid="recording-clock">
        {clock(time)} / {clock(duration)}
      </span>
      <label className="recording-speed">
        Speed
        <select
          value={speed}
          onChange={(e) => {
            const rate = Number(e.target.value);
            setSpeed(rate);
            if (audio.current) audio.current.playbackRate = rate;
          }}
        >
          {SPEEDS.map((rate) => (
            <option key={rate} value={rate}>
              {rate}×
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
