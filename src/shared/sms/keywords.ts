/**
 * The compliance keywords of a customer's text (CTIA and carrier rules, as Twilio applies
 * them): the whole message, in any case and with spaces around it, is the keyword. A
 * sentence that merely contains "stop" is a message, not an opt-out.
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP'] as const;

export type SmsKeyword = 'opt-out' | 'opt-in' | 'help';

export function keywordOf(body: string): SmsKeyword | null {
  const word = body.trim().toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt-in';
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return 'help';
  return null;
}
