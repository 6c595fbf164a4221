import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallTableCursor, CallTableFilter, CallTableSort } from '../../../../../shared/api/call-table';
import type { CallRecord } from '../../../../../shared/domain/call';
import { call, onEvent, onReconnect } from '../../../bridge/client';

const PAGE = 100;
/** A refresh after a change reloads what was on screen, up to the core's page limit. */
const MAX_RELOAD = 500;

export interface CallPages {
  items: CallRecord[];
  /** More calls match than are loaded. */
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  /** Loads the next page (keyset: from the last loaded row); a no-op while one is loading. */
  loadMore(): void;
}

/**
 * The calls of a filter and sort, page by page as the agent scrolls: every call is
 * reachable, whatever the size of the log, and only what was scrolled to is in memory.
 * A change to calls (data.changed) reloads the rows already shown, so a new call or an
 * edited one appears in place.
 */
export function useCallPages(filter: CallTableFilter, sort: CallTableSort, enabled: boolean): CallPages {
  const key = JSON.stringify({ filter, sort });
  const [state, setState] = useState<{
    items: CallRecord[];
    next: CallTableCursor | null;
    loading: boolean;
    error: string | null;
  }>({ items: [], next: null, loading: true, error: null });
  const generation = useRef(0);
  const busy = useRef(false);
  const loaded = useRef(0);

  const reload = useCallback(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    const { filter: f, sort: s } = JSON.parse(key) as { filter: CallTableFilter; sort: CallTableSort };
    const limit = Math.min(MAX_RELOAD, Math.max(PAGE, loaded.current));
    busy.current = true;
    setState((st) => ({ ...st, loading: true }));
    call('calls.table', { filter: f, sort: s, after: null, limit }).then(
      (page) => {
        if (mine !== generation.current) return;
        busy.current = false;
        loaded.current = page.items.length;
        setState({ items: page.items, next: page.next, loading: false, error: null });
      },
      (error: Error) => {
        if (mine !== generation.current) return;
        busy.current = false;
        setState((st) => ({ ...st, loading: false, error: error.message }));
      },
    );
  }, [key, enabled]);

  // A new filter or sort starts from the top.
  useEffect(() => {
    loaded.current = 0;
    reload();
  }, [reload]);

  useEffect(() => {
    const offChange = onEvent('data.changed', (payload) => {
      if (payload.entity === 'call' || payload.entity === 'demo') reload();
    });
    const offReconnect = onReconnect(reload);
    return () => {
      offChange();
      offReconnect();
    };
  }, [reload]);

  const loadMore = useCallback(() => {
    if (busy.current || !state.next) return;
    const mine = generation.current;
    const { filter: f, sort: s } = JSON.parse(key) as { filter: CallTableFilter; sort: CallTableSort };
    busy.current = true;
    call('calls.table', { filter: f, sort: s, after: state.next, limit: PAGE }).then(
      (page) => {
        busy.current = false;
        if (mine !== generation.current) return;
        setState((st) => {
          const items = [...st.items, ...page.items];
          loaded.current = items.length;
          return { items, next: page.next, loading: false, error: null };
        });
      },
      (error: Error) => {
        busy.current = false;
        if (mine === generation.current) setState((st) => ({ ...st, error: error.message }));
      },
    );
  }, [key, state.next]);

  return { items: state.items, hasMore: state.next !== null, loading: state.loading, error: state.error, loadMore };
}
