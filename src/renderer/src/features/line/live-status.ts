import { useLine } from './line-store';

/**
 * What a call is doing right now, when it is the live call: a ringing call's record is
 * still Planned in the CRM sense (nothing has happened yet), but the agent must see
 * "Ringing", not "Planned". Null for any other call.
 */
export function useLiveStatus(callId: string): 'Ringing' | 'Dialing' | 'In progress' | 'On hold' | null {
  return useLine((s) => {
    const snap = s.snapshot;
    if (!snap?.call || snap.call.callId !== callId) return null;
    switch (snap.phase) {
      case 'ringing-in':
      case 'ringing-out':
        return 'Ringing';
      case 'dialing':
        return 'Dialing';
      case 'in-progress':
        return 'In progress';
      case 'on-hold':
        return 'On hold';
      default:
        return null;
    }
  });
}
