import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../../src/main/shell/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('production policy lets the app load only its own code and talk only to itself', () => {
    const policy = directives(buildContentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows eval, remote scripts or wildcards in production', () => {
    const csp = buildContentSecurityPolicy();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/\shttps?:/);
    expect(csp).not.toContain('*');
  });

  it('development adds only what the Vite dev server needs (inline preamble/styles, HMR socket)', () => {
    const policy = directives(buildContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('the meta-tag variant is the same policy without frame-ancestors (which a meta tag cannot carry)', () => {
    const meta = buildContentSecurityPolicy({ forMetaTag: true });
    expect(meta).not.toContain('frame-ancestors');
    expect(buildContentSecurityPolicy()).toBe(`${meta}; frame-ancestors 'none'`);
  });
});
