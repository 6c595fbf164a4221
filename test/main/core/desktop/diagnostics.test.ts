import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../../../src/shared/api/desktop';
import { call, testCore } from '../helpers';

const line = (over: Record<string, unknown>) =>
  ({
    version: 100,
    line: 'twilio',
    registration: 'registered',
    availability: 'Available',
    availabilitySince: '2026-03-10T14:00:00.000Z',
    returnTo: 'Available',
    phase: 'idle',
    call: null,
    lineError: null,
    ...over,
  }) as never;

describe('app.diagnostics', () => {
  it('reports versions, readiness, the registration history, last errors and sync, with secrets and numbers hidden', async () => {
    const core = testCore();
    const expired = line({
      registration: 'unregistered',
      lineError: {
        code: 20104,
        message: 'AccessTokenExpired token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.c2lnbmF0dXJlc2ln',
        text: 'The line’s sign-in expired calling +14155550123.',
      },
    });
    core.events.emit('line.changed', line({ registration: 'registering' }));
    core.events.emit('line.changed', line({ registration: 'registered' }));
    core.events.emit('line.changed', expired);
    // The same error again is one line, not two.
    core.events.emit('line.changed', expired);
    const { text } = await call<Diagnostics>(core, 'app.diagnostics', {});
    expect(text).toContain('Switchboard 0.0.0-test');
    expect(text).toMatch(/Node \d+\.\d+\.\d+/);
    expect(text).toMatch(/## Line readiness\n(ready|degraded|not-ready) on the simulated line/);
    expect(text).toMatch(
      /## Registration history\n.* twilio line: registering\n.* twilio line: registered\n.* twilio line: unregistered\n/,
    );
    const errors = text.split('## Last errors\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('line: 20104 The line’s sign-in expired calling +•••••••••23.');
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain('14155550123');
    expect(text).toMatch(/## Sync\n(idle|offline|signed-out|[a-z-]+); 0 pending, 0 refused; last sync never/);
  });
});
