import { screenFromHash, traceIdFromHash, type ScreenId } from '../lib/screens';
import type { Slice } from './types';

export interface NavSlice {
  screen: ScreenId;
  /** Changes screen; the hash follows so a reload or a link lands on the same screen. */
  go(screen: ScreenId): void;
  syncFromHash(hash: string): void;
  /** Goes to the Packet trace with packet `id` selected. */
  openInTrace(id: number): void;
}

export const createNavSlice =
  (initialHash: string): Slice<NavSlice> =>
  (set, get) => ({
    screen: screenFromHash(initialHash),
    go(screen) {
      set({ screen });
    },
    syncFromHash(hash) {
      set({ screen: screenFromHash(hash) });
      const id = traceIdFromHash(hash);
      if (id !== undefined) void get().openTrace(id);
    },
    openInTrace(id) {
      set({ screen: 'trace' });
      void get().openTrace(id);
    },
  });
