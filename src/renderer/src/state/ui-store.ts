import { create } from 'zustand';

export type View = 'dashboard' | 'calls' | 'triage' | 'missed' | 'contacts' | 'schedule' | 'tasks' | 'settings';

export interface Route {
  view: View;
  /** The selected record of the view (a call, a contact or an account). */
  id?: string;
  /** Contacts view only: which kind of directory record `id` names (a contact by default). */
  kind?: RecordKind;
}

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

interface UiState {
  route: Route;
  newCallOpen: boolean;
  toasts: Toast[];
  navigate(route: Route): void;
  setNewCallOpen(open: boolean): void;
  toast(tone: Toast['tone'], text: string): void;
  dismissToast(id: number): void;
}

export type RecordKind = 'contact' | 'account' | 'lead' | 'opportunity' | 'case';
const recordKinds: readonly RecordKind[] = ['contact', 'account', 'lead', 'opportunity', 'case'];

const views: readonly View[] = ['dashboard', 'calls', 'triage', 'missed', 'contacts', 'schedule', 'tasks', 'settings'];

/** `#/calls/<id>`, `#/contacts/account/<id>`: the route survives a reload. */
export function routeFromHash(hash: string): Route {
  const [view, a, b] = hash.replace(/^#\/?/, '').split('/');
  const known = views.find((v) => v === view) ?? 'calls';
  const kind = recordKinds.find((k) => k === a);
  if (known === 'contacts' && kind && b) return { view: known, kind, id: b };
  return a ? { view: known, id: a } : { view: known };
}

export function hashFromRoute(route: Route): string {
  if (route.view === 'contacts' && route.id) return `#/contacts/${route.kind ?? 'contact'}/${route.id}`;
  return route.id ? `#/${route.view}/${route.id}` : `#/${route.view}`;
}

let toastSeq = 0;

export const useUi = create<UiState>((set) => ({
  route: routeFromHash(location.hash),
  newCallOpen: false,
  toasts: [],
  navigate(route) {
    history.replaceState(null, '', hashFromRoute(route));
    set({ route });
  },
  setNewCallOpen: (newCallOpen) => set({ newCallOpen }),
  toast(tone, text) {
    const id = ++toastSeq;
    set((s) => ({ toasts: [...s.toasts, { id, tone, text }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), 6000);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

// A hash typed into the address bar (browser mode), or Back, changes the location
// without navigate(): follow it, so the screen is the one the address names. An anchor's
// hash (`#main-content`) is not a route and leaves the view as it is. navigate() writes
// with replaceState, which fires no hashchange, so this never loops.
window.addEventListener('hashchange', () => {
  const hash = location.hash;
  if (hash !== '' && hash !== '#' && !hash.startsWith('#/')) return;
  useUi.getState().navigate(routeFromHash(hash));
});
