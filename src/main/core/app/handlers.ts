import type { DialNumber } from '../../../shared/api/app';
import { normalizePhone, parseDialUri } from '../../../shared/domain/phone';
import { numberOfSmsLink } from '../sms/compose';
import type { Handlers } from '../api/dispatch';
import { getSettings } from '../db/repositories/settings';
import type { HandlerContext } from '../handler-context';

type AppHandlers = Pick<Handlers, 'app.info' | 'links.open'>;

/**
 * The one function every tel:/callto:/sip: (and sms:) link goes through, whether the OS handed it
 * to the shell (argv, second-instance, open-url) or the UI asked with links.open. It
 * only asks the console to open on the number: dialing is always the agent's (or the
 * auto-dial setting's) decision, made in the UI.
 */
export function createDialLinkHandler(ctx: HandlerContext): (uri: string) => DialNumber | null {
  return (uri) => {
    // sms:/smsto: links open the compose sheet instead of the dial sheet.
    if (/^sms(to)?:/i.test(uri.trim())) {
      const e164 = normalizePhone(numberOfSmsLink(uri), getSettings(ctx.local.db).defaultRegion)?.e164 ?? null;
      ctx.events.emit('sms.requested', { uri, number: e164 });
      return e164 ? { e164 } : null;
    }
    const parsed = parseDialUri(uri, getSettings(ctx.local.db).defaultRegion);
    const number: DialNumber | null = parsed
      ? { e164: parsed.e164, ...(parsed.extension ? { extension: parsed.extension } : {}) }
      : null;
    ctx.events.emit('dial.requested', { uri, number });
    return number;
  };
}

export function appHandlers(ctx: HandlerContext, handleDialLink: (uri: string) => DialNumber | null): AppHandlers {
  return {
    'app.info': () => ({
      version: ctx.options.version,
      dataDir: ctx.options.dataDir,
      host: ctx.options.host,
      line: ctx.lineKind?.() ?? 'simulated',
      schemaVersion: ctx.local.schemaVersion,
      userId: ctx.userId,
    }),
    'links.open': ({ uri }) => ({ number: handleDialLink(uri) }),
  };
}
