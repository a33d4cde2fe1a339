import type { AcctSessionDto } from '../../../contract/observability';
import { screenFromHash, traceIdFromHash, type ScreenId } from '../lib/screens';
import type { Slice } from './types';
import type { TraceSlice } from './trace-slice';

/** Live sessions → "CoA" / "Disconnect": the request the Test client opens pre-filled with. */
export interface SessionAction {
  session: AcctSessionDto;
  action: 'coa' | 'disconnect';
}

export interface NavSlice {
  screen: ScreenId;
  /** Changes screen; the hash follows so a reload or a link lands on the same screen. */
  go(screen: ScreenId): void;
  syncFromHash(hash: string): void;
  /** Hand-off to the Test client, read when it mounts and cleared after (StrictMode mounts twice). */
  clientPrefill?: SessionAction;
  openClientFor(a: SessionAction): void;
  clearClientPrefill(): void;
  /** Goes to the Packet trace with packet `id` selected. */
  openInTrace(id: number): void;
}

export const createNavSlice =
  (initialHash: string): Slice<NavSlice, Pick<TraceSlice, 'openTrace'>> =>
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
    openClientFor(a) {
      set({ clientPrefill: a, screen: 'client' });
    },
    clearClientPrefill() {
      set({ clientPrefill: undefined });
    },
    openInTrace(id) {
      set({ screen: 'trace' });
      void get().openTrace(id);
    },
  });
