import { useQuery } from '../bridge/use-query';

/**
 * Who made a change, in words: history entries store a user id (or `system` for the
 * telephony layer), which means nothing to an agent.
 */
export function useActorName(): (by: string) => string {
  const info = useQuery('app.info', {}, []);
  const settings = useQuery('settings.get', {}, ['settings']);
  return (by) => {
    if (by === 'system') return 'the phone system';
    if (info.data && by === info.data.userId) return settings.data ? `${settings.data.agentName} (you)` : 'you';
    return `user ${by.slice(0, 8)}`;
  };
}
