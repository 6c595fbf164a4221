import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from zod 4 schemas, for fuzzing the server with inputs
 * that look like what it expects (so they get past the first check and reach the
 * handlers, mutators and SQL) and, now and then, with hostile values in their place:
 * control characters, formulas, years 9999, `javascript:` links, lone surrogates, huge
 * numbers, wrong types. Written here because no maintained zod→fast-check bridge
 * supports zod 4's schema internals (`_zod.def`) yet; it covers the kinds the server's
 * schemas use, and anything it does not know becomes an arbitrary JSON value.
 */
interface Def {
  type: string;
  [key: string]: unknown;
}
interface Check {
  check?: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] =>
  ((def['checks'] as { _zod: { def: Check } }[] | undefined) ?? []).map((check) => check._zod.def);

/** Values an attacker (or a broken client) would put where a well-formed one belongs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u001b[31m',
    '\u007f',
    "=cmd|' /C calc'!A0",
    '@SUM(1+1)',
    '+1',
    '-1',
    '9999-12-31T23:59:59.999Z',
    '0001-01-01T00:00:00.000Z',
    'javascript:alert(1)',
    'http://evil.example/x',
    '\ud800',
    '%00',
    '../../etc/passwd',
    "'; drop table calls; --",
    '999999999999999:000000:evil',
    '',
    ' ',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 2, 1.5, null, true, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

export interface ArbitraryOptions {
  /** One leaf in this many is replaced with a hostile value (0: never). */
  hostileOneIn: number;
}

export function arbitraryOf(schema: unknown, options: ArbitraryOptions = { hostileOneIn: 12 }): fc.Arbitrary<unknown> {
  return build(schema, options, 0);
}

function withHostile<T>(valid: fc.Arbitrary<T>, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (options.hostileOneIn <= 0) return valid;
  return fc.oneof({ weight: options.hostileOneIn - 1, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function build(schema: unknown, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (child: unknown) => build(child, options, depth + 1);
  switch (def.type) {
    case 'string':
      return withHostile(stringOf(def), options);
    case 'number':
      return withHostile(numberOf(def), options);
    case 'boolean':
      return withHostile(fc.boolean(), options);
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'enum':
      return withHostile(fc.constantFrom(...Object.values(def['entries'] as Record<string, unknown>)), options);
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def['innerType']), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(inner(def['innerType']), { nil: null, freq: 4 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def['innerType']);
    case 'pipe':
      return inner(def['in']);
    case 'lazy':
      return depth > 4 ? fc.constant(null) : inner((def['getter'] as () => unknown)());
    case 'union':
      return fc.oneof(...(def['options'] as unknown[]).map(inner));
    case 'array': {
      const max = depth > 3 ? 1 : 3;
      return fc.array(inner(def['element']), { maxLength: max });
    }
    case 'record':
      return fc.dictionary(stringOf(defOf(def['keyType'])) as fc.Arbitrary<string>, inner(def['valueType']), {
        maxKeys: 3,
      });
    case 'object':
      return objectOf(def, options, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(def: Def, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const shape = def['shape'] as Record<string, unknown>;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, child] of Object.entries(shape)) {
    fields[key] = build(child, options, depth + 1);
    const kind = defOf(child).type;
    if (kind !== 'optional' && kind !== 'default' && kind !== 'prefault') required.push(key);
  }
  const record = fc.record(fields, { requiredKeys: required });
  if (options.hostileOneIn <= 0) return record;
  // Now and then an unknown key, or a required one left out.
  return fc.oneof(
    { weight: options.hostileOneIn - 1, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, fc.constantFrom('__proto__', 'extra', 'id', '\u0000'), hostileValue)
        .map(([value, key, extra]) => ({ ...(value as object), [key]: extra })),
    },
    {
      weight: 1,
      arbitrary: record.map((value) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[required[0] ?? ''];
        return copy;
      }),
    },
  );
}

function stringOf(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const format = (def['format'] as string | undefined) ?? checks.find((c) => c.check === 'string_format')?.format;
  const pattern =
    (def['pattern'] as RegExp | undefined) ?? checks.find((c) => c.format === 'regex' && c.pattern)?.pattern;
  const minLength = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0));
  const maxLength = Math.min(300, ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? 300));
  const sized = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.filter((text) => text.length >= minLength && text.length <= Math.max(maxLength, minLength));
  switch (format) {
    case 'datetime':
      return fc
        .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2300-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2300-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'url':
      return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd'));
    case 'uuid':
      return fc.uuid();
    default:
      break;
  }
  if (pattern) return sized(fc.stringMatching(pattern));
  return fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, Math.min(maxLength, 80)) });
}

function numberOf(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const integer = checks.some((c) => c.format === 'safeint' || c.format === 'int32');
  const lower = checks.find((c) => c.check === 'greater_than')?.value;
  const upper = checks.find((c) => c.check === 'less_than')?.value;
  if (integer) {
    return fc.integer({
      min: Math.max(Number.MIN_SAFE_INTEGER, lower ?? -1_000_000),
      max: Math.min(Number.MAX_SAFE_INTEGER, upper ?? 1_000_000),
    });
  }
  return fc.double({ min: lower ?? -1e6, max: upper ?? 1e6, noNaN: true });
}

export type Schema = z.ZodType;
