import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, comparePacked, pack, receive, tick, unpack, zeroHlc, type Hlc } from '../../../src/shared/sync/hlc';

const node = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const hlcArb = fc.record({
  wallMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  counter: fc.integer({ min: 0, max: 900_000 }),
  node,
});
const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('HLC', () => {
  it('packs and unpacks without loss', () => {
    fc.assert(
      fc.property(hlcArb, (h) => {
        expect(unwrap(unpack(pack(h)))).toEqual(h);
      }),
    );
  });

  it('orders packed strings exactly as it orders clocks', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(comparePacked(pack(a), pack(b))).toBe(compare(a, b));
      }),
    );
  });

  it('is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, hlcArb, (a, b, c) => {
        expect(compare(a, b)).toBe(-compare(b, a) as -1 | 0 | 1);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('ticks strictly forward even when the wall clock stalls or steps back', () => {
    fc.assert(
      fc.property(node, fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (id, walls) => {
        let clock: Hlc = zeroHlc(id);
        for (const wall of walls) {
          const next = unwrap(tick(clock, wall));
          expect(compare(next, clock)).toBe(1);
          expect(next.wallMs).toBeGreaterThanOrEqual(wall);
          clock = next;
        }
      }),
    );
  });

  it('after receiving a stamp, every new stamp is later than it (causality)', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, fc.integer({ min: 0, max: 4_102_444_800_000 }), (local, remote, now) => {
        const merged = unwrap(receive(local, { ...remote, node: `${remote.node}x` }, now));
        expect(compare(merged, local)).toBe(1);
        expect(
          merged.wallMs > remote.wallMs || (merged.wallMs === remote.wallMs && merged.counter > remote.counter),
        ).toBe(true);
        expect(compare(unwrap(tick(merged, now)), merged)).toBe(1);
        expect(merged.node).toBe(local.node);
      }),
    );
  });

  it('stays close to physical time: the wall part is the max of the inputs', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, fc.integer({ min: 0, max: 4_102_444_800_000 }), (local, remote, now) => {
        const merged = unwrap(receive(local, remote, now));
        expect(merged.wallMs).toBe(Math.max(local.wallMs, remote.wallMs, now));
      }),
    );
  });

  it('refuses a remote stamp too far in the future when a drift bound is given', () => {
    const result = receive(zeroHlc('a'), { wallMs: 10_000_000, counter: 0, node: 'b' }, 1_000, 60_000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('clock_drift');
  });

  it('rejects malformed stamps', () => {
    expect(unpack('nonsense').ok).toBe(false);
    expect(unpack('1:2:3').ok).toBe(false);
  });
});
