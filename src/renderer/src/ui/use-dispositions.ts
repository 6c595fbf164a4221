import { dispositionLabel } from '../../../shared/domain/disposition';
import { useQuery } from '../bridge/use-query';

/**
 * A stored disposition code in words ("interested" → "Interested"), by the team's list.
 * Until the list has loaded, and for a code no longer on it, the code shows as itself.
 */
export function useDispositionLabel(): (code: string | null) => string {
  const list = useQuery('calls.dispositions', {}, ['settings']);
  return (code) => dispositionLabel(list.data?.items ?? [], code);
}
