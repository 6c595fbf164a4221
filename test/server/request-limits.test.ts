import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, seedCompany, startTestServer, type TestCompany, type TestServer } from './helpers/server';

let server: TestServer;
let acme: TestCompany;

beforeAll(async () => {
  server = await startTestServer();
  acme = await seedCompany(server, 'acme');
});
afterAll(() => server.close());

/** A raw JSON text, sent as JSON with the agent's token. */
const postJsonText = (url: string, payload: string) =>
  server.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${acme.agent.token}` },
  });

/** Sends raw bytes on a fresh connection and resolves with the status line of the answer. */
function rawRequest(port: number, head: string, bodyPart: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        resolve(received.split('\r\n')[0]!);
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.write(head + bodyPart);
  });
}

describe('authentication comes before the body', () => {
  it('answers 401 to an unauthenticated push without waiting for (or parsing) its 14 MB body', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    // Only 20 bytes of the announced 14 MB are ever sent: the answer can only come
    // before the body was read, let alone parsed.
    const head = [
      'POST /sync/push HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Content-Length: 14000000',
      '',
      '',
    ].join('\r\n');
    const status = await rawRequest(port, head, '[[[[[[[[[[[[[[[[[[[[');
    expect(status).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('answers 401, not 400, to a malformed body sent without a token', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: { 'content-type': 'application/json' },
      payload: '{"not json',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });
});

describe('body limits and JSON shape', () => {
  it('refuses a sign-in body over 4 KiB with 413', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { company: 'acme', email: 'a@b.c', password: 'x'.repeat(5000) },
    });
    expect(response.statusCode).toBe(413);
  });

  it('refuses a deeply nested body from a signed-in user with a plain 400', async () => {
    const payload = '{"clientId":"c1","mutations":' + '['.repeat(2000) + ']'.repeat(2000) + '}';
    const response = await postJsonText('/sync/push', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'request_too_complex', message: expect.stringMatching(/nested deeper/) });
  });

  it('refuses a push of a four-million-item array before parsing it', async () => {
    const payload = '{"clientId":"c1","mutations":[' + '0,'.repeat(4_000_000) + '0]}';
    const response = await postJsonText('/sync/push', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('request_too_complex');
  });

  it('refuses a body over the default 64 KiB on an ordinary route', async () => {
    const response = await as(server, acme.agent).post('/sync/pull', { clientId: 'c1', cursor: 'x'.repeat(70_000) });
    expect(response.statusCode).toBe(413);
  });

  it('still accepts a push batch of ordinary size', async () => {
    const { statusCode } = await as(server, acme.agent).push('limits-client', []);
    expect(statusCode).toBe(200);
  });
});
