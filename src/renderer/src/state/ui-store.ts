import { create } from 'zustand';

export type View = 'calls' | 'missed' | 'contacts' | 'schedule' | 'tasks' | 'settings';

export interface Route {
  view: View;
  /** The selected record of the view (a call, a contact or an account). */
  id?: string;
  /** Contacts view only: whether `id` names an account rather than a contact. */
  kind?: 'contact' | 'account';
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

const views: readonly View[] = ['calls', 'missed', 'contacts', 'schedule', 'tasks', 'settings'];

/** `#/calls/<id>`, `#/contacts/account/<id>`: the route survives a reload. */
export function routeFromHash(hash: string): Route {
  const [view, a, b] = hash.replace(/^#\/?/, '').split('/');
  const known = views.find((v) => v === view) ?? 'calls';
  if (known === 'contacts' && (a === 'account' || a === 'contact') && b) return { view: known, kind: a, id: b };
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
