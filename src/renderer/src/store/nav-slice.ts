import type { AcctSessionDto } from '../../../contract/observability';
import { hashFor, screenFromHash, traceIdFromHash, type ScreenId } from '../lib/screens';
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
  /**
   * Set by a screen with unsaved edits (the Config editor) while it has them: leaving it asks this
   * question first, and staying puts the address bar back.
   */
  leaveGuard?: string;
  setLeaveGuard(question: string | undefined): void;
}

/** Whether the user lets the current screen go (always, unless a guard is set and they cancel). */
function mayLeave(guard: string | undefined, from: ScreenId, to: ScreenId): boolean {
  if (!guard || from === to) return true;
  return globalThis.confirm?.(guard) ?? true;
}

export const createNavSlice =
  (initialHash: string): Slice<NavSlice, Pick<TraceSlice, 'openTrace'>> =>
  (set, get) => ({
    screen: screenFromHash(initialHash),
    go(screen) {
      if (mayLeave(get().leaveGuard, get().screen, screen)) set({ screen });
    },
    syncFromHash(hash) {
      const { screen, leaveGuard } = get();
      const next = screenFromHash(hash);
      if (!mayLeave(leaveGuard, screen, next)) {
        globalThis.history?.replaceState(null, '', hashFor(screen));
        return;
      }
      set({ screen: next });
      const id = traceIdFromHash(hash);
      if (id !== undefined) void get().openTrace(id);
    },
    openClientFor(a) {
      if (!mayLeave(get().leaveGuard, get().screen, 'client')) return;
      set({ clientPrefill: a, screen: 'client' });
    },
    clearClientPrefill() {
      set({ clientPrefill: undefined });
    },
    openInTrace(id) {
      if (!mayLeave(get().leaveGuard, get().screen, 'trace')) return;
      set({ screen: 'trace' });
      void get().openTrace(id);
    },
    setLeaveGuard(question) {
      set({ leaveGuard: question });
    },
  });
