import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createLinkRouter, findDialLink, wireLinks } from '../../../src/main/shell/links';
import { FakeEvent } from './fake-electron';

describe('findDialLink', () => {
  it('finds a tel: link after the executable (packaged start on Windows/Linux)', () => {
    expect(findDialLink(['C:\\Program Files\\Switchboard\\Switchboard.exe', 'tel:+14155550123'])).toBe(
      'tel:+14155550123',
    );
  });

  it('ignores the executable, the app path, flags and other arguments (development start)', () => {
    const argv = [
      '/usr/lib/electron/electron',
      '--inspect=5858',
      '.',
      '--no-sandbox',
      'readme.txt',
      'https://example.com',
    ];
    expect(findDialLink(argv)).toBeNull();
    expect(findDialLink([...argv, 'callto://+4930123456/'])).toBe('callto://+4930123456/');
  });

  it('accepts tel:, callto:, sip: and sips: in any case', () => {
    expect(findDialLink(['app', 'TEL:+1-415-555-0123'])).toBe('TEL:+1-415-555-0123');
    expect(findDialLink(['app', 'CallTo:+4930123456'])).toBe('CallTo:+4930123456');
    expect(findDialLink(['app', 'sip:+14155550123@example.com'])).toBe('sip:+14155550123@example.com');
    expect(findDialLink(['app', 'SIPS:+14155550123@example.com'])).toBe('SIPS:+14155550123@example.com');
  });

  it('accepts sms: and smsto: links (they open the compose sheet)', () => {
    expect(findDialLink(['app', 'sms:+14155550123?body=hi'])).toBe('sms:+14155550123?body=hi');
    expect(findDialLink(['app', 'SMSTO:+14155550123'])).toBe('SMSTO:+14155550123');
    expect(findDialLink(['app', 'smsx:+1'])).toBeNull();
  });

  it('does not mistake a flag whose value is a link, a scheme without colon, or a look-alike scheme for a link', () => {
    expect(findDialLink(['app', '--url=tel:+1415'])).toBeNull();
    expect(findDialLink(['app', 'telephone', 'hotel:+1415', 'xtel:+1'])).toBeNull();
  });

  it('takes the last link when several are given and refuses absurdly long ones', () => {
    expect(findDialLink(['app', 'tel:+1', 'tel:+2'])).toBe('tel:+2');
    expect(findDialLink(['app', `tel:${'1'.repeat(3000)}`])).toBeNull();
  });

  it('finds nothing in an empty argv', () => {
    expect(findDialLink([])).toBeNull();
  });
});

describe('createLinkRouter', () => {
  it('queues links until the console is ready, then focuses and delivers them in order', () => {
    const focus = vi.fn();
    const handleDialLink = vi.fn();
    const router = createLinkRouter({ focus, handleDialLink });
    router.receive('tel:+1');
    router.receive('tel:+2');
    expect(handleDialLink).not.toHaveBeenCalled();
    router.ready();
    expect(handleDialLink.mock.calls).toEqual([['tel:+1'], ['tel:+2']]);
    expect(focus).toHaveBeenCalled();
    router.receive('tel:+3');
    expect(handleDialLink).toHaveBeenLastCalledWith('tel:+3');
  });

  it('a second start without a link only brings the console forward', () => {
    const focus = vi.fn();
    const handleDialLink = vi.fn();
    const router = createLinkRouter({ focus, handleDialLink });
    router.ready();
    router.receive(null);
    expect(focus).toHaveBeenCalledTimes(1);
    expect(handleDialLink).not.toHaveBeenCalled();
  });

  it('a reload of the console (ready again) does not deliver old links twice', () => {
    const handleDialLink = vi.fn();
    const router = createLinkRouter({ focus: vi.fn(), handleDialLink });
    router.receive('tel:+1');
    router.ready();
    router.ready();
    expect(handleDialLink).toHaveBeenCalledTimes(1);
  });
});

describe('wireLinks', () => {
  function setup(argv: string[] = ['app']) {
    const app = new EventEmitter();
    const focus = vi.fn();
    const handleDialLink = vi.fn();
    const router = wireLinks({ app: app as never, argv, focus, handleDialLink });
    return { app, focus, handleDialLink, router };
  }

  it('delivers the link from the first start argv once ready', () => {
    const { handleDialLink, router } = setup(['switchboard', 'tel:+14155550123']);
    router.ready();
    expect(handleDialLink).toHaveBeenCalledWith('tel:+14155550123');
  });

  it('handles macOS open-url, marking the event handled, and ignores non-dial URLs', () => {
    const { app, handleDialLink, router } = setup();
    router.ready();
    const event = new FakeEvent();
    app.emit('open-url', event, 'callto:+4930123456');
    app.emit('open-url', new FakeEvent(), 'https://example.com');
    expect(event.defaultPrevented).toBe(true);
    expect(handleDialLink.mock.calls).toEqual([['callto:+4930123456']]);
  });

  it('routes a second instance argv link and focuses the console', () => {
    const { app, focus, handleDialLink, router } = setup();
    router.ready();
    app.emit('second-instance', new FakeEvent(), ['switchboard.exe', '--flag', 'tel:+441632960961'], '/home/agent');
    expect(focus).toHaveBeenCalled();
    expect(handleDialLink).toHaveBeenCalledWith('tel:+441632960961');
  });
});
