import type { CallDirection, CallStatus } from '../../src/shared/domain/call';

/**
 * Calls around the two DST changes of America/New_York in 2026 (spring forward on
 * Sunday 8 March: 02:00 EST → 03:00 EDT; fall back on Sunday 1 November: 02:00 EDT →
 * 01:00 EST), in both directions, with callers in other zones (only the instant counts:
 * days and hours are the agent's, New York). The figures each test expects are worked
 * out by hand next to the calls, never computed by the code under test.
 */
export interface FixtureCall {
  id: string;
  agent: 'agent' | 'agent2';
  direction: CallDirection;
  status: CallStatus;
  /** Held / Not Held: when it rang or was dialled. */
  start: string | null;
  end: string | null;
  planned: string | null;
  wrappedUpAt: string | null;
  disposition: string | null;
}

export const ZONE = 'America/New_York';

const call = (c: Partial<FixtureCall> & Pick<FixtureCall, 'id' | 'direction' | 'status'>): FixtureCall => ({
  agent: 'agent',
  start: null,
  end: null,
  planned: null,
  wrappedUpAt: null,
  disposition: null,
  ...c,
});

export const fixtureCalls: FixtureCall[] = [
  // 8 March in New York runs 05:00Z → next day 04:00Z: 23 hours.
  // 01:30 EST, 5 min talk, wrap-up 90 s after the end: handle 390 s.
  call({
    id: 'M1',
    direction: 'Inbound',
    status: 'Held',
    start: '2026-03-08T06:30:00.000Z',
    end: '2026-03-08T06:35:00.000Z',
    wrappedUpAt: '2026-03-08T06:36:30.000Z',
    disposition: 'resolved',
  }),
  // 03:10 EDT (the 02:00 hour does not exist), 2 min, no wrap-up time recorded: handle 120 s.
  call({
    id: 'M2',
    direction: 'Outbound',
    status: 'Held',
    start: '2026-03-08T07:10:00.000Z',
    end: '2026-03-08T07:12:00.000Z',
    disposition: 'resolved',
  }),
  // 03:40 EDT, inbound not held: missed.
  call({
    id: 'M3',
    direction: 'Inbound',
    status: 'NotHeld',
    start: '2026-03-08T07:40:00.000Z',
    end: '2026-03-08T07:40:20.000Z',
    disposition: 'missed',
  }),
  // 11:00 EDT, outbound not held: happened, not missed.
  call({
    id: 'M4',
    direction: 'Outbound',
    status: 'NotHeld',
    start: '2026-03-08T15:00:00.000Z',
    end: '2026-03-08T15:00:30.000Z',
    disposition: 'no_answer',
  }),
  // 23:59 EDT on the 8th (already the 9th in UTC and in Tokyo, where the caller is): 60 s + 30 s wrap-up.
  call({
    id: 'M5',
    direction: 'Inbound',
    status: 'Held',
    start: '2026-03-09T03:59:00.000Z',
    end: '2026-03-09T04:00:00.000Z',
    wrappedUpAt: '2026-03-09T04:00:30.900Z',
    disposition: 'resolved',
  }),
  // 00:00 EDT on the 9th: outside the day.
  call({
    id: 'M6',
    direction: 'Inbound',
    status: 'Held',
    start: '2026-03-09T04:00:00.000Z',
    end: '2026-03-09T04:01:00.000Z',
  }),
  // 23:59 EST on the 7th: outside the day.
  call({
    id: 'M7',
    direction: 'Inbound',
    status: 'Held',
    start: '2026-03-08T04:59:00.000Z',
    end: '2026-03-08T05:00:00.000Z',
  }),
  // Planned for 14:00 EDT: in the outcomes only.
  call({ id: 'M8', direction: 'Outbound', status: 'Planned', planned: '2026-03-08T18:00:00.000Z' }),
  // The colleague: 10:00 EDT, 30 s (only the team view has it).
  call({
    id: 'M9',
    agent: 'agent2',
    direction: 'Outbound',
    status: 'Held',
    start: '2026-03-08T14:00:00.000Z',
    end: '2026-03-08T14:00:30.000Z',
    disposition: 'resolved',
  }),

  // 1 November in New York runs 04:00Z → next day 05:00Z: 25 hours, 01:00–02:00 twice.
  // 01:30 EDT (first pass), 10 min + 60 s wrap-up: handle 660 s.
  call({
    id: 'N1',
    direction: 'Inbound',
    status: 'Held',
    start: '2026-11-01T05:30:00.000Z',
    end: '2026-11-01T05:40:00.000Z',
    wrappedUpAt: '2026-11-01T05:41:00.000Z',
    disposition: 'resolved',
  }),
  // 01:30 EST (second pass), 4 min; a wrap-up time before the end counts as 0: handle 240 s.
  call({
    id: 'N2',
    direction: 'Outbound',
    status: 'Held',
    start: '2026-11-01T06:30:00.000Z',
    end: '2026-11-01T06:34:00.000Z',
    wrappedUpAt: '2026-11-01T06:33:00.000Z',
    disposition: 'resolved',
  }),
  // 23:30 EST: missed.
  call({
    id: 'N3',
    direction: 'Inbound',
    status: 'NotHeld',
    start: '2026-11-02T04:30:00.000Z',
    end: '2026-11-02T04:30:10.000Z',
    disposition: 'missed',
  }),
];

/** 8 March, the agent alone, by hand. */
export const march8 = {
  totals: {
    inbound: 3, // M1, M3, M5
    outbound: 2, // M2, M4
    answered: 3, // M1, M2, M5
    missed: 1, // M3
    happened: 5,
    answerRate: 3 / 5,
    talkSeconds: 300 + 120 + 60,
    averageTalkSeconds: 480 / 3,
    averageHandleSeconds: (390 + 120 + 90) / 3,
  },
  outcomes: { Planned: 1, Held: 3, NotHeld: 2, Cancelled: 0 },
  dispositions: [
    { code: 'resolved', count: 3 },
    { code: 'missed', count: 1 },
    { code: 'no_answer', count: 1 },
    { code: 'none', count: 1 },
  ],
  /** 23 hourly slots: 00, 01, 03, 04 … 23. */
  slotLabels: ['00:00', '01:00', ...Array.from({ length: 21 }, (_, i) => `${String(i + 3).padStart(2, '0')}:00`)],
  /** Calls that happened by local hour. */
  hours: { 1: 1, 3: 2, 11: 1, 23: 1 } as Record<number, number>,
  /** Slot index → [in, out] for the slots with calls: 01:00 is slot 1, 03:00 slot 2 (no 02:00). */
  slots: { 1: [1, 0], 2: [1, 1], 10: [0, 1], 22: [1, 0] } as Record<number, [number, number]>,
};

/** 1 November, the agent alone, by hand. */
export const november1 = {
  totals: {
    inbound: 2,
    outbound: 1,
    answered: 2,
    missed: 1,
    happened: 3,
    answerRate: 2 / 3,
    talkSeconds: 600 + 240,
    averageTalkSeconds: 420,
    averageHandleSeconds: (660 + 240) / 2,
  },
  /** 25 hourly slots: 00, 01, 01 (again), 02 … 23. */
  slotLabels: [
    '00:00',
    '01:00',
    '01:00',
    ...Array.from({ length: 22 }, (_, i) => `${String(i + 2).padStart(2, '0')}:00`),
  ],
  hours: { 1: 2, 23: 1 } as Record<number, number>,
  /** The first 01:00 (EDT) has N1 inbound, the second (EST) N2 outbound; 23:00 is slot 24. */
  slots: { 1: [1, 0], 2: [0, 1], 24: [1, 0] } as Record<number, [number, number]>,
};
