/**
 * The keypad tone a key press stands for, or null. Not while the focus is in something
 * that takes text (call notes, a search box, a select's type-ahead): there a digit is
 * part of what the agent writes. Not with Ctrl/Alt/Meta (browser and app shortcuts).
 */
export function dtmfKeyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (!/^[0-9*#]$/.test(e.key)) return null;
  return takesText(e.target) ? null : e.key;
}

function takesText(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}
