/**
 * Disposition codes and the telephony-outcome mapping.
 *
 * Where the cases come from: the telephony rules (README, "The phone line": a call that
 * connected becomes Held, one that never connected becomes Not Held with the reason from
 * the telephony outcome, a planned call withdrawn before dialing is Cancelled) and
 * Twilio's final call statuses (completed, busy, no-answer, failed, canceled); `rejected`
 * and `missed` are the softphone's own outcomes.
 */
import { describe, expect, it } from 'vitest';
import {
  crmOutcomeFor,
  DEFAULT_DISPOSITIONS,
  dispositionLabel,
  dispositionsForStatus,
  dispositionsFor,
  checkDisposition,
  DispositionList,
  findDisposition,
  TelephonyOutcome,
  type DispositionCode,
} from '../../../src/shared/domain/disposition';
import { createCall, transition, type NewCall } from '../../../src/shared/domain/lifecycle';

describe('the default disposition list', () => {
  it('passes its own schema', () => {
    expect(DispositionList.parse(DEFAULT_DISPOSITIONS)).toEqual(DEFAULT_DISPOSITIONS);
  });

  it.each([
    ['resolved', 'Held'],
    ['callback_requested', 'Held'],
    ['sale', 'Held'],
    ['not_interested', 'Held'],
    ['escalated', 'Held'],
    ['wrong_number', 'Held'],
    ['left_voicemail', 'NotHeld'],
    ['no_answer', 'NotHeld'],
    ['busy', 'NotHeld'],
  ])('has %s, suggesting %s', (code, status) => {
    expect(findDisposition(DEFAULT_DISPOSITIONS, code)?.suggestsStatus).toBe(status);
  });

  it('suggests a follow-up for a callback request and a voicemail', () => {
    expect(findDisposition(DEFAULT_DISPOSITIONS, 'callback_requested')?.suggestsFollowUp).toBe(true);
    expect(findDisposition(DEFAULT_DISPOSITIONS, 'left_voicemail')?.suggestsFollowUp).toBe(true);
    expect(findDisposition(DEFAULT_DISPOSITIONS, 'sale')?.suggestsFollowUp).toBe(false);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_DISPOSITIONS)).toBe(true);
  });
});

describe('DispositionList schema', () => {
  const ok: DispositionCode = {
    code: 'resolved',
    label: 'Resolved',
    suggestsStatus: 'Held',
    notHeldReason: null,
    suggestsFollowUp: false,
    active: true,
    directions: ['Inbound', 'Outbound'],
  };

  it('fills defaults for a minimal entry', () => {
    expect(DispositionList.parse([{ code: 'resolved', label: 'Resolved', suggestsStatus: 'Held' }])).toEqual([ok]);
  });

  it('refuses a duplicate code, naming it', () => {
    const result = DispositionList.safeParse([ok, { ...ok, label: 'Done' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('The code "resolved" is listed twice.');
  });

  it('refuses a Not Held code without a reason sentence', () => {
    const result = DispositionList.safeParse([
      ok,
      { ...ok, code: 'no_answer', label: 'No answer', suggestsStatus: 'NotHeld' },
    ]);
    expect(result.error?.issues[0]?.message).toBe('"No answer" marks a call Not Held, so it needs a reason sentence.');
  });

  it('refuses a list with nothing active, an empty list and malformed codes', () => {
    expect(DispositionList.safeParse([{ ...ok, active: false }]).success).toBe(false);
    expect(DispositionList.safeParse([]).success).toBe(false);
    for (const code of ['Resolved', '1st_try', 'has space', '', 'a'.repeat(65)]) {
      expect(DispositionList.safeParse([{ ...ok, code }]).success).toBe(false);
    }
  });

  it('refuses a blank label or a Planned/Cancelled suggestion', () => {
    expect(DispositionList.safeParse([{ ...ok, label: '   ' }]).success).toBe(false);
    expect(DispositionList.safeParse([{ ...ok, suggestsStatus: 'Cancelled' }]).success).toBe(false);
  });
});

describe('lookups', () => {
  const list: DispositionCode[] = [
    ...DEFAULT_DISPOSITIONS,
    {
      code: 'legacy_promo',
      label: 'Old promo',
      suggestsStatus: 'Held',
      notHeldReason: null,
      suggestsFollowUp: false,
      active: false,
      directions: ['Inbound', 'Outbound'],
    },
  ];

  it('offers only active codes that fit the call’s status', () => {
    const held = dispositionsForStatus(list, 'Held');
    expect(held.every((entry) => entry.suggestsStatus === 'Held' && entry.active)).toBe(true);
    expect(held.map((entry) => entry.code)).not.toContain('legacy_promo');
    expect(dispositionsForStatus(list, 'NotHeld').map((entry) => entry.code)).toContain('left_voicemail');
    expect(dispositionsForStatus(list, 'Planned')).toEqual([]);
    expect(dispositionsForStatus(list, 'Cancelled')).toEqual([]);
  });

  it('still labels a retired code on old calls, and shows an unknown code as itself', () => {
    expect(dispositionLabel(list, 'legacy_promo')).toBe('Old promo');
    expect(dispositionLabel(list, 'from_another_team')).toBe('from_another_team');
    expect(dispositionLabel(list, null)).toBe('');
    expect(findDisposition(list, null)).toBeNull();
    expect(findDisposition(list, 'nope')).toBeNull();
  });
});

describe('telephony outcome → CRM status', () => {
  it.each([
    ['completed', 'Held', null, null],
    ['busy', 'NotHeld', 'Line busy', 'busy'],
    ['no-answer', 'NotHeld', 'No answer', 'no_answer'],
    ['failed', 'NotHeld', 'Call failed to connect', null],
    ['canceled', 'NotHeld', 'Hung up before the call was answered', null],
    ['rejected', 'NotHeld', 'Call declined', 'declined'],
    ['missed', 'NotHeld', 'Missed call: nobody answered', 'missed'],
  ] as const)('%s → %s (%j)', (outcome, status, reason, suggestedDisposition) => {
    expect(crmOutcomeFor(outcome)).toEqual({ status, reason, suggestedDisposition });
  });

  it('covers every outcome, and every suggested code exists in the default list', () => {
    for (const outcome of TelephonyOutcome.options) {
      const mapped = crmOutcomeFor(outcome);
      if (mapped.suggestedDisposition !== null) {
        expect(findDisposition(DEFAULT_DISPOSITIONS, mapped.suggestedDisposition)?.suggestsStatus).toBe(mapped.status);
      }
    }
  });

  it('never maps a dial attempt to Cancelled (that is for planned calls withdrawn before dialing)', () => {
    expect(TelephonyOutcome.options.map((outcome) => crmOutcomeFor(outcome).status)).not.toContain('Cancelled');
  });

  it('returns a copy, so a caller cannot change the table', () => {
    const mapped = crmOutcomeFor('busy');
    mapped.reason = 'changed';
    expect(crmOutcomeFor('busy').reason).toBe('Line busy');
  });

  it('gives every Not Held outcome a reason the lifecycle accepts', () => {
    const call: NewCall = {
      id: 'c1',
      direction: 'Outbound',
      subject: '',
      plannedStart: null,
      outcome: { dispositionCode: null, text: '' },
      participants: [],
      related: null,
      ownerId: 'u1',
      teamId: null,
      fromNumber: null,
      toNumber: null,
      providerCallId: null,
      recordingUrl: null,
      isDemo: false,
    };
    const planned = createCall(call, { to: 'Planned', at: '2024-05-06T09:00:00.000Z', by: 'u1' });
    if (!planned.ok) throw new Error(planned.error.message);
    for (const outcome of TelephonyOutcome.options) {
      const { status, reason } = crmOutcomeFor(outcome);
      if (status !== 'NotHeld') continue;
      const result = transition(planned.value, { to: status, reason, at: '2024-05-06T09:01:00.000Z', by: 'system' });
      expect(result.ok).toBe(true);
    }
  });
});

describe('dispositions by direction and by whether the call connected', () => {
  const codes = (direction: 'Inbound' | 'Outbound', status: 'Held' | 'NotHeld') =>
    dispositionsFor(DEFAULT_DISPOSITIONS, { direction, status }).map((d) => d.code);

  it('offers an unanswered inbound call inbound outcomes only, never "Left voicemail" or "Reached gatekeeper"', () => {
    const inboundNotHeld = codes('Inbound', 'NotHeld');
    expect(inboundNotHeld).toEqual(expect.arrayContaining(['missed', 'caller_hung_up', 'declined']));
    expect(inboundNotHeld).not.toContain('left_voicemail');
    expect(inboundNotHeld).not.toContain('gatekeeper');
    expect(inboundNotHeld).not.toContain('no_answer');
  });

  it('offers an unanswered outbound call the dialing outcomes and not the inbound ones', () => {
    const outboundNotHeld = codes('Outbound', 'NotHeld');
    expect(outboundNotHeld).toEqual(expect.arrayContaining(['left_voicemail', 'gatekeeper', 'busy', 'no_answer']));
    expect(outboundNotHeld).not.toContain('missed');
    expect(outboundNotHeld).not.toContain('caller_hung_up');
  });

  it('offers a connected call the same conversation outcomes in both directions', () => {
    expect(codes('Inbound', 'Held')).toEqual(codes('Outbound', 'Held'));
    expect(codes('Inbound', 'Held')).toEqual(expect.arrayContaining(['resolved', 'interested', 'sale']));
  });

  it('offers nothing for a call that has not happened', () => {
    expect(dispositionsFor(DEFAULT_DISPOSITIONS, { direction: 'Inbound', status: 'Planned' })).toEqual([]);
  });

  it('refuses a code of the other direction or the other status, in words', () => {
    expect(
      checkDisposition(DEFAULT_DISPOSITIONS, 'left_voicemail', { direction: 'Inbound', status: 'NotHeld' }),
    ).toEqual({
      code: 'invalid_disposition',
      message: '"Left voicemail" does not fit an incoming call.',
    });
    expect(checkDisposition(DEFAULT_DISPOSITIONS, 'sale', { direction: 'Outbound', status: 'NotHeld' })?.message).toBe(
      '"Sale" does not fit a call that was not held.',
    );
    expect(checkDisposition(DEFAULT_DISPOSITIONS, 'missed', { direction: 'Inbound', status: 'NotHeld' })).toBeNull();
    expect(checkDisposition(DEFAULT_DISPOSITIONS, null, { direction: 'Inbound', status: 'Planned' })).toBeNull();
  });

  it("lets the server accept a team's own code it does not know, but not the desktop", () => {
    const call = { direction: 'Inbound', status: 'Held' } as const;
    expect(checkDisposition(DEFAULT_DISPOSITIONS, 'team_special', call, 'accept')).toBeNull();
    expect(checkDisposition(DEFAULT_DISPOSITIONS, 'team_special', call)?.code).toBe('invalid_disposition');
  });

  it('reads a list saved before directions existed as fitting both directions', () => {
    const [entry] = DispositionList.parse([{ code: 'resolved', label: 'Resolved', suggestsStatus: 'Held' }]);
    expect(entry!.directions).toEqual(['Inbound', 'Outbound']);
  });
});
