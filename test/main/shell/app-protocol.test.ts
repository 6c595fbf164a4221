import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, resolveAppPages } from '../../../src/main/shell/app-pages';
import { createAppFileHandler } from '../../../src/main/shell/app-protocol';

const csp = "default-src 'self'";
let root = '';
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'switchboard-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer folder');
  handle = createAppFileHandler({ rootDir: root, origin: APP_ORIGIN, csp });
});

describe('app:// file handler', () => {
  it('serves the console with its CSP header and content type', async () => {
    const response = await handle(new Request(`${APP_ORIGIN}/index.html`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Switchboard</title>');
  });

  it('serves index.html for the bare origin and scripts with a JavaScript type', async () => {
    expect((await handle(new Request(`${APP_ORIGIN}/`))).status).toBe(200);
    const script = await handle(new Request(`${APP_ORIGIN}/assets/main.js`));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(csp);
  });

  it('refuses to climb out of the renderer folder', async () => {
    for (const url of [
      `${APP_ORIGIN}/../secret.txt`,
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
  });

  it('refuses other hosts, missing files and non-GET methods', async () => {
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request(`${APP_ORIGIN}/missing.js`))).status).toBe(404);
    expect((await handle(new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('resolveAppPages', () => {
  it('uses app://switchboard when packaged, even if ELECTRON_RENDERER_URL is set', () => {
    const pages = resolveAppPages({ isPackaged: true, devServerUrl: 'http://evil.example:5173' });
    expect(pages.origin).toBe('app://switchboard');
    expect(pages.url('index.html')).toBe('app://switchboard/index.html');
    expect(pages.isAppUrl('http://evil.example:5173/index.html')).toBe(false);
  });

  it('uses the dev server origin in development and compares whole origins', () => {
    const pages = resolveAppPages({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(pages.dev).toBe(true);
    expect(pages.isAppUrl('http://localhost:5173/index.html#/calls')).toBe(true);
    expect(pages.isAppUrl('http://localhost:5174/index.html')).toBe(false);
    expect(pages.isAppUrl('http://localhost:5173.evil.example/')).toBe(false);
    expect(pages.isAppUrl('not a url')).toBe(false);
    expect(pages.isAppUrl(undefined)).toBe(false);
  });
});

describe('app:// recordings', () => {
  it('serves a call recording the core fetched, and 404 when there is none or no source', async () => {
    const asked: string[] = [];
    const withRecordings = createAppFileHandler({
      rootDir: root,
      origin: APP_ORIGIN,
      csp,
      recording: async (callId) => {
        asked.push(callId);
        return callId === 'call-1' ? { contentType: 'audio/mpeg', body: new Uint8Array([1, 2, 3]) } : null;
      },
    });
    const found = await withRecordings(new Request(`${APP_ORIGIN}/recordings/call-1`));
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toBe('audio/mpeg');
    expect(found.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await found.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await withRecordings(new Request(`${APP_ORIGIN}/recordings/call-2`))).status).toBe(404);
    expect(asked).toEqual(['call-1', 'call-2']);
    expect((await handle(new Request(`${APP_ORIGIN}/recordings/call-1`))).status).toBe(404);
  });
});
