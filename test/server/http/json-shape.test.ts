import { describe, expect, it } from 'vitest';
import { jsonShapeViolation } from '../../../src/server/http/json-shape';

const limits = { maxDepth: 4, maxItems: 3 };

describe('jsonShapeViolation', () => {
  it('accepts a body within the limits', () => {
    expect(jsonShapeViolation('{"a":[1,2,3],"b":{"c":{"d":[]}}}', limits)).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(jsonShapeViolation('[[[[[1]]]]]', limits)).toMatch(/nested deeper than 4 levels/);
    expect(jsonShapeViolation('[[[[1]]]]', limits)).toBeNull();
  });

  it('refuses a list or object with more entries than the limit', () => {
    expect(jsonShapeViolation('[1,2,3,4]', limits)).toMatch(/more than 3 entries/);
    expect(jsonShapeViolation('{"a":1,"b":2,"c":3,"d":4}', limits)).toMatch(/more than 3 entries/);
    // Entries are counted per container, not across siblings.
    expect(jsonShapeViolation('[[1,2,3],[1,2,3],[1,2,3]]', limits)).toBeNull();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    expect(jsonShapeViolation('{"a":"[[[[[[,,,,,,]]]]]]","b":"say \\"[[[[[[\\" ok"}', limits)).toBeNull();
    expect(jsonShapeViolation('["\\\\",[[[[1]]]]]', limits)).toMatch(/nested deeper/);
  });

  it('scans the default limits over a realistic push of long notes', () => {
    const mutations = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, args: { body: 'x, [y] '.repeat(2000) } }));
    expect(jsonShapeViolation(JSON.stringify({ clientId: 'c', mutations }))).toBeNull();
    expect(jsonShapeViolation(JSON.stringify(Array.from({ length: 10_001 }, () => 0)))).toMatch(/10000 entries/);
    expect(jsonShapeViolation('['.repeat(33) + ']'.repeat(33))).toMatch(/32 levels/);
  });
});
