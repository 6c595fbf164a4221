import { describe, expect, it, vi } from 'vitest';
import { resolveAppPages } from '../../../src/main/shell/app-pages';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  hardenWebContents,
  withContentSecurityPolicy,
} from '../../../src/main/shell/security';
import { FakeEvent, FakeWebContents } from './fake-electron';

const pages = resolveAppPages({ isPackaged: true });
const ours = 'app://switchboard/index.html';

describe('permission rules', () => {
  it('grants a microphone request from the app page', () => {
    expect(
      allowPermissionRequest('media', { requestingUrl: ours, isMainFrame: true, mediaTypes: ['audio'] }, pages),
    ).toBe(true);
  });

  it('refuses the microphone to any other origin', () => {
    for (const requestingUrl of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', '']) {
      expect(allowPermissionRequest('media', { requestingUrl, isMainFrame: true, mediaTypes: ['audio'] }, pages)).toBe(
        false,
      );
    }
  });

  it('refuses the camera, an unspecified media request and subframes, even from the app', () => {
    expect(
      allowPermissionRequest(
        'media',
        { requestingUrl: ours, isMainFrame: true, mediaTypes: ['audio', 'video'] },
        pages,
      ),
    ).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: ours, isMainFrame: true, mediaTypes: [] }, pages)).toBe(
      false,
    );
    expect(
      allowPermissionRequest('media', { requestingUrl: ours, isMainFrame: false, mediaTypes: ['audio'] }, pages),
    ).toBe(false);
  });

  it('refuses every other permission to the app itself', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'display-capture',
      'midi',
    ] as const) {
      expect(allowPermissionRequest(permission, { requestingUrl: ours, isMainFrame: true }, pages)).toBe(false);
      expect(allowPermissionCheck(permission, 'app://switchboard', {}, pages)).toBe(false);
    }
  });

  it('answers permission checks the same way as requests', () => {
    expect(
      allowPermissionCheck(
        'media',
        'app://switchboard',
        { mediaType: 'audio', securityOrigin: 'app://switchboard' },
        pages,
      ),
    ).toBe(true);
    expect(allowPermissionCheck('media', 'app://switchboard', { mediaType: 'video' }, pages)).toBe(false);
    expect(allowPermissionCheck('media', 'https://example.com', { mediaType: 'audio' }, pages)).toBe(false);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces a CSP the server sent, whatever its case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      'x',
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['x'] });
  });
});

describe('hardenWebContents', () => {
  function harden() {
    const contents = new FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, pages, openExternal);
    return { contents, openExternal };
  }

  it('lets the page navigate within the app but not to another origin', () => {
    const { contents } = harden();
    expect(contents.navigate('will-navigate', 'app://switchboard/index.html#/calls')).toBe(true);
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(false);
    expect(contents.navigate('will-redirect', 'https://example.com/')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'https://example.com/')).toBe(false);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
  });

  it('denies every new window and opens only https links in the OS browser', () => {
    const { contents, openExternal } = harden();
    expect(contents.windowOpenHandler?.({ url: 'https://crm.example.com/case/1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://crm.example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://switchboard/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://crm.example.com/case/1']]);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = harden();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});
