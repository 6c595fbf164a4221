import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';

const FIELDS = 'input, select, textarea, button';

/**
 * A modal side sheet. Escape closes it; focus moves to its first field (past the header's
 * Close button) when it opens, and back to what had it (the button that opened the sheet)
 * when it closes.
 */
export function Sheet({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, read by the listener: callers pass a new function on every render,
  // and an effect that re-ran for it would pull the focus back to the first field each
  // time the view behind re-renders (the Tasks countdown does so every 30 seconds).
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const sheet = ref.current;
    const first =
      sheet?.querySelector<HTMLElement>(`.sheet-header ~ * :is(${FIELDS}), .sheet-header ~ :is(${FIELDS})`) ??
      sheet?.querySelector<HTMLElement>(FIELDS);
    first?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div className="sheet-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div className="sheet" role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        {/* A div, not <header>: a second header outside any section is a second banner landmark. */}
        <div className="sheet-header">
          <h2>{title}</h2>
          <button className="icon-button" onClick={() => close.current()} aria-label="Close">
            <Icon name="close" size={16} />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
