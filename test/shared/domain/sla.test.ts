import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_RULES, slaCountdown, slaDeadline, slaState } from '../../../src/shared/domain/sla';

const start = '2026-03-10T12:00:00.000Z';
const at = (minutes: number) => Date.parse(start) + minutes * 60_000;

describe('follow-up SLA', () => {
  it('defaults: callback requested 2 h, missed call 1 h, emergency 15 min', () => {
    expect(DEFAULT_SLA_RULES).toEqual({ callback_requested: 120, missed: 60, emergency: 15 });
  });

  it('the deadline is the SLA from creation, or the due time when that is earlier or no rule applies', () => {
    expect(slaDeadline({ createdAt: start, dueAt: null }, 120)).toBe('2026-03-10T14:00:00.000Z');
    expect(slaDeadline({ createdAt: start, dueAt: '2026-03-10T13:00:00.000Z' }, 120)).toBe('2026-03-10T13:00:00.000Z');
    expect(slaDeadline({ createdAt: start, dueAt: '2026-03-11T09:00:00.000Z' }, null)).toBe('2026-03-11T09:00:00.000Z');
    expect(slaDeadline({ createdAt: start, dueAt: null }, null)).toBeNull();
  });

  it('state at each boundary of a 2-hour SLA: ok, warning at half, critical at three quarters and at the deadline, overdue after', () => {
    const deadline = '2026-03-10T14:00:00.000Z';
    expect(slaState(start, deadline, at(0))).toBe('ok');
    expect(slaState(start, deadline, at(60) - 1)).toBe('ok');
    expect(slaState(start, deadline, at(60))).toBe('warning');
    expect(slaState(start, deadline, at(90) - 1)).toBe('warning');
    expect(slaState(start, deadline, at(90))).toBe('critical');
    expect(slaState(start, deadline, at(120))).toBe('critical');
    expect(slaState(start, deadline, at(120) + 1)).toBe('overdue');
  });

  it('counts down in words, and up once overdue', () => {
    const deadline = '2026-03-10T14:00:00.000Z';
    expect(slaCountdown(deadline, at(55))).toBe('1 h 05 min left');
    expect(slaCountdown(deadline, at(108))).toBe('12 min left');
    expect(slaCountdown(deadline, at(140))).toBe('20 min overdue');
  });
});
