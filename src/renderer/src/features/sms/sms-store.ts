import { create } from 'zustand';
import type { RelatedRef } from '../../../../shared/domain/call';

/** The compose sheet: closed, or open on a number and/or a customer record. */
export interface ComposeTarget {
  number?: string;
  related?: RelatedRef | null;
}

interface SmsState {
  target: ComposeTarget | null;
  compose: (target: ComposeTarget) => void;
  close: () => void;
}

export const useSms = create<SmsState>((set) => ({
  target: null,
  compose: (target) => set({ target }),
  close: () => set({ target: null }),
}));
