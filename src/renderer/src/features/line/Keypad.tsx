import { lineCommand } from './line-store';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Sends DTMF tones (menus, PINs) on the connected call. */
export function Keypad({ sent }: { sent: string }) {
  const send = (digit: string) => lineCommand('line.sendDigits', { digits: digit });
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      <output className="keypad-sent mono" aria-label="Digits sent">
        {sent || '\u00a0'}
      </output>
      {keys.map((k) => (
        <button key={k} onClick={() => void send(k)} aria-label={`Send ${k}`}>
          {k}
        </button>
      ))}
    </div>
  );
}
