import { screenFromHash, type ScreenId } from '../lib/screens';
import type { Slice } from './types';

export interface NavSlice {
  screen: ScreenId;
  /** Changes screen; the hash follows so a reload or a link lands on the same screen. */
  go(screen: ScreenId): void;
  syncFromHash(hash: string): void;
}

export const createNavSlice =
  (initialHash: string): Slice<NavSlice> =>
  (set) => ({
    screen: screenFromHash(initialHash),
    go(screen) {
      set({ screen });
    },
    syncFromHash(hash) {
      set({ screen: screenFromHash(hash) });
    },
  });
