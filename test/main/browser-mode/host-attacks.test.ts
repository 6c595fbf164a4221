import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { invokeOverSocket, startHost } from '../../e2e/console-host';
import { stopProcess } from '../../e2e/processes';

/**
 * The browser-mode host as an attacker sees it: any web page the agent opens can make the
 * browser send requests to 127.0.0.1 (an <img>, a WebSocket, a DNS-rebound name). Every
 * case runs against the real host process, and after each the process must still answer.
 */

let dataDir: string;
let staticDir: string;
let host: { url: string; child: ChildProcess };
let port: number;
const exits: Array<number | null> = [];

// A fresh host per case: a crash in one case must not hide the result of the next.
beforeEach(async () => {
  exits.length = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-host-attacks-'));
  staticDir = mkdtempSync(join(tmpdir(), 'switchboard-host-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  host = await startHost(dataDir, 0, ['--no-demo', '--static-dir', staticDir]);
  port = Number(new URL(host.url).port);
  host.child.on('exit', (code) => exits.push(code));
}, 60_000);

afterEach(async () => {
  if (host) await stopProcess(host.child);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

/** A plain HTTP GET with a chosen raw path and Host header. */
function get(path: string, hostHeader = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Raw bytes on a fresh TCP connection; resolves with everything the host sent back. */
function raw(bytes: Buffer | string, waitMs = 1_000): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    const done = () => resolve(Buffer.concat(chunks));
    socket.on('close', done);
    setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
  });
}

function upgradeRequest(hostHeader: string, origin: string): string {
  return [
    'GET /agent HTTP/1.1',
    `Host: ${hostHeader}`,
    `Origin: ${origin}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** The host still serves the API after the attack, and has not exited. */
async function expectAlive(): Promise<void> {
  const stored = await invokeOverSocket(host.url, 'calls.list', {});
  expect(Array.isArray(stored.items)).toBe(true);
  expect(exits).toEqual([]);
  expect(host.child.exitCode).toBeNull();
}

function openAgentSocket(): Promise<WebSocket> {
  const socket = new WebSocket(host.url.replace('http', 'ws') + '/agent', { origin: host.url });
  return new Promise((resolve, reject) => socket.once('open', () => resolve(socket)).once('error', reject));
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    socket.on('error', () => {});
    socket.once('close', (code) => resolve(code));
  });
}

describe('browser-mode host under attack', () => {
  it('answers a path with a broken percent escape (/%E0%A4%A) with 400 and keeps running', async () => {
    expect(await get('/%E0%A4%A')).toBe(400);
    expect(await get('/%')).toBe(400);
    await expectAlive();
  });

  it('answers a malformed HTTP request with 400 and survives a client that resets mid-request', async () => {
    const reply = await raw('NOT-HTTP \x00\x01\x02\r\n\r\n');
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.1 400/);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
        socket.resetAndDestroy();
        resolve();
      });
    });
    await expectAlive();
  });

  it('closes a WebSocket that sends a frame over 1 MiB with 1009 and keeps running', async () => {
    const socket = await openAgentSocket();
    const closed = closeCode(socket);
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    await expectAlive();
  });

  it('closes a WebSocket that sends a malformed frame (reserved bits set, unmasked) and keeps running', async () => {
    const reply = await raw(
      Buffer.concat([
        Buffer.from(upgradeRequest(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)),
        // FIN + RSV1..3 + text opcode, unmasked 3-byte payload: a protocol error twice over.
        Buffer.from([0xf1, 0x03, 0x61, 0x62, 0x63]),
      ]),
    );
    const text = reply.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 101/);
    // The server's close frame: opcode 8, then the status code 1002 (protocol error).
    const close = reply.subarray(reply.indexOf('\r\n\r\n') + 4);
    expect(close[0]).toBe(0x88);
    expect(close.readUInt16BE(2)).toBe(1002);
    await expectAlive();
  });

  it('refuses a DNS-rebinding page: a foreign Host gets 421 and its WebSocket upgrade 403, even with a matching Origin', async () => {
    expect(await get('/', `evil.example:${port}`)).toBe(421);
    expect(await get('/', 'evil.example')).toBe(421);
    const upgrade = await raw(upgradeRequest(`evil.example:${port}`, `http://evil.example:${port}`));
    expect(upgrade.toString('latin1')).toMatch(/^HTTP\/1\.1 403/);
    // A loopback name on another port is not this host either.
    const otherPort = await raw(upgradeRequest(`127.0.0.1:${port + 1}`, `http://127.0.0.1:${port + 1}`));
    expect(otherPort.toString('latin1')).toMatch(/^HTTP\/1\.1 403/);
    await expectAlive();
  });

  it('accepts the loopback names with its port: localhost, 127.0.0.1 and [::1]', async () => {
    for (const name of ['localhost', '127.0.0.1', '[::1]']) {
      expect(await get('/', `${name}:${port}`)).toBe(200);
      const upgrade = await raw(upgradeRequest(`${name}:${port}`, `http://${name}:${port}`), 300);
      expect(upgrade.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
    }
    // Loopback Host with a foreign Origin: still refused (a page on another site).
    const foreign = await raw(upgradeRequest(`127.0.0.1:${port}`, 'http://evil.example'));
    expect(foreign.toString('latin1')).toMatch(/^HTTP\/1\.1 403/);
    await expectAlive();
  });
});
