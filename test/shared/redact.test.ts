import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from '../../src/shared/redact';

describe('redactText', () => {
  it('hides authorization headers, bearer tokens and JWTs whole', () => {
    expect(redactText('Authorization: Bearer abc.def-ghi_123')).toBe('Authorization: [redacted]');
    expect(redactText('sent Bearer abcdef123456 to the server')).toBe('sent Bearer [redacted] to the server');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.c2lnbmF0dXJlc2ln';
    expect(redactText(`token expired: ${jwt}`)).toBe('token expired: [redacted]');
    expect(redactText(`voice token ${jwt} renewed`)).not.toContain('eyJ');
  });

  it('hides passwords, tokens and keys in key=value, JSON and query strings', () => {
    expect(redactText('login {"email":"a@b.c","password":"hunter2"}')).toBe(
      'login {"email":"a@b.c","password":"[redacted]"}',
    );
    expect(redactText('POST /auth?refresh_token=r3fr3sh&x=1')).toBe('POST /auth?refresh_token=[redacted]&x=1');
    expect(redactText("apiKey: 'k-123', secret = s3cr3t")).toBe("apiKey: '[redacted]', secret = [redacted]");
    expect(redactText('https://admin:pa55@crm.example.com/api')).toBe('https://[redacted]@crm.example.com/api');
  });

  it('keeps only the last two digits of phone numbers, in every usual spelling', () => {
    expect(redactText('Incoming call from +14155550123')).toBe('Incoming call from +•••••••••23');
    expect(redactText('dial tel:+44-20-7946-0018 now')).toBe('dial tel:+••••••••••18 now');
    expect(redactText('callto:+1 (415) 555 0199')).toBe('callto:+•••••••••99');
    expect(redactText('national 020 7946 0018.')).toBe('national •••••••••18.');
    expect(redactText('call 415.555.0123 back')).toBe('call ••••••••23 back');
  });

  it('leaves ids, times, versions and short numbers alone', () => {
    for (const text of [
      'call 01J8ZQ3M5X7Y9A2B4C6D8E0F1G held 12 s',
      'at 2026-12-01T09:30:00.000Z',
      'Electron 45.4.1, Chrome 140.0.7339.41',
      'Twilio error 31486 after 3 retries',
      'CA0123456789abcdef0123456789abcdef',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('redactValue', () => {
  it('hides secret-named fields whole and redacts strings deep inside', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = cyclic;
    expect(
      redactValue({
        accessToken: 'abc',
        headers: { authorization: 'Bearer zzzzzzzz', 'content-type': 'json' },
        caller: { number: '+14155550123' },
        list: ['tel:+14155550123', 3],
        cyclic,
      }),
    ).toEqual({
      accessToken: '[redacted]',
      headers: { authorization: '[redacted]', 'content-type': 'json' },
      caller: { number: '+•••••••••23' },
      list: ['tel:+•••••••••23', 3],
      cyclic: { name: 'x', self: '[cycle]' },
    });
  });

  it('redacts an error’s message and stack, keeping its name', () => {
    const error = new TypeError('refused password=hunter2 for +14155550123');
    const redacted = redactValue(error) as Error;
    expect(redacted).toBeInstanceOf(Error);
    expect(redacted.name).toBe('TypeError');
    expect(redacted.message).toBe('refused password=[redacted] for +•••••••••23');
    expect(redacted.stack).not.toContain('hunter2');
  });
});
