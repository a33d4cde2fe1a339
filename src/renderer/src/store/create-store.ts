import { createStore } from 'zustand/vanilla';
import type { LabApi, TraceRow } from '../../../contract';
import { coalesce } from './coalesce';
import { traceIdFromHash } from '../lib/screens';
import { createLabSlice } from './lab-slice';
import { createNavSlice } from './nav-slice';
import { createQuerySlice, QUERIES_CHANGED_BY } from './query-slice';
import { createStatsSlice } from './stats-slice';
import { createTraceSlice } from './trace-slice';
import type { AppState } from './app-state';

export type AppStore = ReturnType<typeof createAppStore>;

/** Live trace rows reach the store (and the list) at most this often. */
export const TRACE_UPDATE_MS = 100;

/** The renderer's state: one store of slices, built over whichever transport carries the LabApi. */
export function createAppStore(api: LabApi, initialHash = '') {
  const store = createStore<AppState>()((...a) => ({
    ...createLabSlice(api)(...a),
    ...createNavSlice(initialHash)(...a),
    ...createTraceSlice(api)(...a),
    ...createStatsSlice(api)(...a),
    ...createQuerySlice()(...a),
  }));
  const id = traceIdFromHash(initialHash);
  if (id !== undefined) void store.getState().openTrace(id);
  return store;
}

/**
 * Subscribes the store to engine events and loads the first status. Returns the unsubscribe.
 * `onReconnect` is for transports that can drop (serve's WebSocket): events are not replayed,
 * so the status, the seconds missed, the trace and the screens' queries are fetched again.
 */
export function connectStore(
  store: AppStore,
  api: LabApi,
  onReconnect?: (cb: () => void) => () => void,
): () => void {
  const s = () => store.getState();
  const traceRows = coalesce<TraceRow>((rows) => s().appendTraceRows(rows), TRACE_UPDATE_MS);
  const offs = [
    api.on('lab.status.changed', (status) => s().setStatus(status)),
    api.on('trace.appended', ({ rows }) => traceRows.push(rows)),
    api.on('trace.cleared', () => {
      traceRows.cancel();
      s().traceCleared();
    }),
    api.on('stats.ticked', (tick) => s().pushTick(tick)),
    ...Object.entries(QUERIES_CHANGED_BY).map(([event, prefixes]) =>
      api.on(event as keyof typeof QUERIES_CHANGED_BY, () => s().invalidateQueries(prefixes)),
    ),
  ];
  if (onReconnect) {
    offs.push(
      onReconnect(() => {
        void s().loadStatus();
        void s().loadStatsHistory();
        s().invalidateQueries(); // events were missed: every held answer may be out of date
        if (s().screen === 'trace') void s().loadTrace();
      }),
    );
  }
  void s().loadStatus();
  void s().loadStatsHistory();
  offs.push(() => traceRows.cancel());
  return () => offs.forEach((off) => off());
}
