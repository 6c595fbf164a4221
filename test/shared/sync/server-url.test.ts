import { describe, expect, it } from 'vitest';
import { LoginInput } from '../../../src/shared/api/sync';
import { createHttpTransport, TransportError } from '../../../src/main/core/sync/transport';
import { insecureServerUrlMessage, isSafeServerUrl } from '../../../src/shared/sync/server-url';

const login = (serverUrl: string) =>
  LoginInput.safeParse({ serverUrl, company: 'acme', email: 'ana@acme.test', password: 'secret' });

describe('the CRM server address', () => {
  it.each([
    'https://crm.example.com',
    'https://crm.example.com:8443/crm/',
    'https://10.0.0.5',
    'http://localhost:4317',
    'http://127.0.0.1:4317',
    'http://127.1.2.3',
    'http://[::1]:4317',
    'http://crm.localhost:4317',
  ])('accepts %s', (url) => {
    expect(isSafeServerUrl(url)).toBe(true);
    expect(login(url).success).toBe(true);
  });

  it.each([
    'http://crm.example.com',
    'http://10.0.0.5:4317',
    'http://192.168.1.20',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'http://[::2]:4317',
    'http://0.0.0.0:4317',
  ])('refuses plain http to a host that is not this computer: %s', (url) => {
    expect(isSafeServerUrl(url)).toBe(false);
    const parsed = login(url);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(insecureServerUrlMessage);
    expect(insecureServerUrlMessage).toMatch(/https:\/\/.*unencrypted/);
  });

  it('refuses other schemes with the address hint', () => {
    const parsed = login('ftp://crm.example.com');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/Type the server address/);
  });

  it('never sends a request (a token, a password) over plain http to another host, even for a saved session', async () => {
    let fetched = 0;
    const transport = createHttpTransport({
      fetch: (async () => {
        fetched += 1;
        return new Response('{}');
      }) as typeof fetch,
    });
    await expect(
      transport.request({ serverUrl: 'http://crm.example.com', method: 'POST', path: '/auth/refresh', body: {} }),
    ).rejects.toThrow(TransportError);
    expect(fetched).toBe(0);
    await transport.request({ serverUrl: 'https://crm.example.com', method: 'POST', path: '/auth/refresh', body: {} });
    expect(fetched).toBe(1);
  });
});
