import { useEffect, type RefObject } from 'react';

/**
 * Closes a popover the way people expect: Escape (focus goes back to the button that
 * opened it, so a keyboard user is not dropped at the top of the page) or a press
 * anywhere outside `container`. Pressing the toggle button itself is inside the
 * container, so the button's own click decides.
 */
export function useDismiss(
  container: RefObject<HTMLElement | null>,
  open: boolean,
  close: () => void,
  returnFocusTo?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      returnFocusTo?.current?.focus();
    };
    const onPointer = (e: MouseEvent) => {
      if (container.current && !container.current.contains(e.target as Node)) close();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onPointer);
    };
  }, [container, open, close, returnFocusTo]);
}
