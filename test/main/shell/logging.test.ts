import { describe, expect, it } from 'vitest';
import { configureLogging, logMaxBytes, type RotatingLog } from '../../../src/main/shell/logging';

/** A logger shaped like electron-log's: it runs the hooks and records what its file transport would write. */
function fakeLog() {
  const written: { level: string; data: unknown[] }[] = [];
  let catching: unknown = null;
  const log: RotatingLog & { written: typeof written; catching: () => unknown } = {
    written,
    catching: () => catching,
    transports: { file: { maxSize: 1024, getFile: () => ({ path: '/logs/main.log' }) } },
    hooks: [],
    functions: {} as RotatingLog['functions'],
    errorHandler: { startCatching: (options) => (catching = options ?? {}) },
  };
  for (const level of ['error', 'warn', 'info', 'verbose', 'debug', 'log'] as const) {
    log.functions[level] = (...data: unknown[]) => {
      let message: Parameters<RotatingLog['hooks'][number]>[0] | false = {
        data,
        level: level === 'log' ? 'info' : level,
        date: new Date('2026-12-01T10:00:00Z'),
      };
      for (const hook of log.hooks) {
        if (message === false) break;
        message = hook(message);
      }
      if (message !== false) written.push({ level, data: message.data });
    };
  }
  return log;
}

describe('configureLogging', () => {
  it('rotates past 5 MB and catches uncaught errors without a dialog', () => {
    const log = fakeLog();
    configureLogging(log, { ...console });
    expect(log.transports.file.maxSize).toBe(logMaxBytes);
    expect(log.catching()).toEqual({ showDialog: false });
  });

  it('writes every line redacted, including what the core logs through console', () => {
    const log = fakeLog();
    const target = { ...console };
    configureLogging(log, target);
    target.log('[voice] token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.c2lnbmF0dXJlc2ln for +14155550123');
    target.error('[core] sync failed:', new Error('401 for Authorization: Bearer abcdefghij'));
    expect(log.written[0]).toEqual({ level: 'info', data: ['[voice] token [redacted] for +•••••••••23'] });
    expect((log.written[1]!.data[1] as Error).message).toBe('401 for Authorization: [redacted]');
  });

  it('keeps the last errors, redacted, for Copy diagnostics', () => {
    const log = fakeLog();
    const shellLog = configureLogging(log, { ...console });
    for (let i = 0; i < 25; i += 1) shellLog.error(`failure ${i} calling +14155550123`);
    shellLog.info('not an error');
    const errors = shellLog.recentErrors();
    expect(errors).toHaveLength(20);
    expect(errors.at(-1)).toEqual({ at: '2026-12-01T10:00:00.000Z', text: 'failure 24 calling +•••••••••23' });
    expect(shellLog.filePath()).toBe('/logs/main.log');
  });
});
