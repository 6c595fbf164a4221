import { describe, expect, it } from 'vitest';
import { createSmsDispatchGate, SWEEP_EVERY_MS } from '../../../src/server/sms/dispatch-due';

describe('when a push looks for texts waiting to go to Twilio', () => {
  function gateAt(start: number) {
    let now = start;
    const due = createSmsDispatchGate(() => new Date(now));
    return { due, advance: (ms: number) => (now += ms), setTo: (ms: number) => (now = ms) };
  }

  it('always when the push carries a text; otherwise once per company per sweep interval', () => {
    const { due, advance } = gateAt(1_000_000);
    expect(due('co-a', false)).toBe(true); // never looked on this instance
    expect(due('co-a', false)).toBe(false);
    expect(due('co-a', true)).toBe(true);
    expect(due('co-b', false)).toBe(true); // each company has its own schedule
    advance(SWEEP_EVERY_MS - 1);
    expect(due('co-a', false)).toBe(false);
    advance(1);
    expect(due('co-a', false)).toBe(true);
    expect(due('co-a', false)).toBe(false);
  });

  it('treats a clock that went back as due', () => {
    const { due, setTo } = gateAt(5_000_000);
    expect(due('co-a', false)).toBe(true);
    setTo(4_000_000);
    expect(due('co-a', false)).toBe(true);
  });
});
