import { useSync } from '../../sync/sync-store';

/**
 * Signed in as a supervisor or an admin: company views may be published and changed
 * from this desktop (the core and the CRM server check the role again).
 */
export function useCanEditCompanyViews(): boolean {
  const role = useSync((s) => s.session?.role ?? null);
  const signedIn = useSync((s) => s.session?.signedIn ?? false);
  return signedIn && (role === 'supervisor' || role === 'admin');
}
