import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiName, ApiOutput, ChangedEntity } from '../../../shared/api';
import { call, onEvent, onReconnect } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  refetch: () => void;
}

/**
 * Fetches one API entry and refetches when the core says the entities it shows
 * changed, or when the bridge reconnects. The key is the JSON of the input, so an
 * inline object literal does not cause a fetch loop.
 */
export function useQuery<K extends ApiName>(
  name: K,
  input: ApiInput<K> | null,
  dependsOn: readonly ChangedEntity[],
): QueryState<ApiOutput<K>> {
  const [state, setState] = useState<{ data?: ApiOutput<K>; error?: Error; loading: boolean }>({ loading: true });
  const key = input === null ? null : JSON.stringify(input);
  const generation = useRef(0);

  const run = useCallback(() => {
    if (key === null) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    call(name, JSON.parse(key) as ApiInput<K>).then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: Error) => mine === generation.current && setState({ error, loading: false }),
    );
  }, [name, key]);

  useEffect(() => run(), [run]);
  const deps = dependsOn.join(',');
  useEffect(() => {
    const watched = new Set(deps.split(','));
    const offChange = onEvent('data.changed', (payload) => {
      if (watched.has(payload.entity) || payload.entity === 'demo') run();
    });
    const offReconnect = onReconnect(run);
    return () => {
      offChange();
      offReconnect();
    };
  }, [deps, run]);

  return { data: state.data, error: state.error, loading: state.loading, refetch: run };
}
