import { useCallback, useEffect, useRef } from 'react';

/**
 * Saves what the agent types once typing pauses for `delayMs`, without ever dropping the
 * last edit: an edit still waiting for its pause is sent at once when the component goes
 * away (the call panel closes at hang-up) or the page does (a reload, the window closing).
 *
 * Why that is enough: requests to the core travel over one ordered channel (IPC, or the
 * browser-mode WebSocket, which sends queued messages before its close), and the core
 * handles them in order. So the edit sent as the page hides is stored before anything the
 * reloaded page asks for, and the edit sent as the call panel unmounts reaches the core
 * before the wrap-up form, mounting in the same render, asks for its draft.
 */
export function useSaveAsYouType<T>(save: (value: T) => void, delayMs: number) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const waiting = useRef<{ value: T } | null>(null);
  const saveNow = useRef(save);
  saveNow.current = save;

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const edit = waiting.current;
    waiting.current = null;
    if (edit) saveNow.current(edit.value);
  }, []);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const schedule = useCallback(
    (value: T) => {
      waiting.current = { value };
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  /** Forgets the edit waiting: its content went to the core another way (the wrap-up's submit). */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    waiting.current = null;
  }, []);

  return { schedule, cancel };
}
