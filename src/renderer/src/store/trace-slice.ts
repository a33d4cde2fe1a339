import type { LabApi, TraceFilter, TraceRecordDto, TraceRow } from '../../../contract';
import { errorMessage } from '../lib/format';
import { compactFilter, filterNeedsEngine, matchesTraceFilter, mergeRows } from '../lib/trace-rows';
import type { Slice } from './types';

/** Rows kept in the renderer; older ones are fetched again by paging (`before`). */
export const TRACE_ROW_CAP = 50_000;
const PAGE = 500;

export interface TraceSlice {
  traceRows: TraceRow[];
  traceTotal: number;
  traceFilter: TraceFilter;
  traceLoading: boolean;
  traceError?: string;
  /** True while older rows may exist before the first loaded one. */
  traceHasOlder: boolean;
  /** Live rows are not added while paused; they are counted so the user knows. */
  tracePaused: boolean;
  /**
   * True while the list follows the tail. When the user scrolls up or picks a packet, live rows
   * are counted (traceMissed) instead of added, so nothing moves under the pointer.
   */
  traceFollowing: boolean;
  traceMissed: number;
  selectedTraceId?: number;
  traceRecord?: TraceRecordDto;
  traceRecordError?: string;
  /** Rows picked with Ctrl/⌘-click: exports take only these when there are any. */
  traceMarked: number[];
  toggleTraceMark(id: number): void;
  clearTraceMarks(): void;
  /** `replace` drops the rows held (after missed rows, so the list has no gap). */
  loadTrace(replace?: boolean): Promise<void>;
  loadOlderTrace(): Promise<void>;
  setTraceFilter(filter: TraceFilter): Promise<void>;
  appendTraceRows(rows: TraceRow[]): void;
  setTracePaused(paused: boolean): void;
  setTraceFollowing(following: boolean): void;
  selectTrace(id: number | undefined): Promise<void>;
  /**
   * Shows packet `id` (a deep link `#/trace?id=…`, "Open in trace", a request ↔ response link):
   * selects it, loads the rows around it and holds the view there. A packet the filter hides (a
   * test-client copy) brings the hidden roles back.
   */
  openTrace(id: number): Promise<void>;
  clearTrace(): Promise<void>;
  traceCleared(): void;
}

export const createTraceSlice =
  (api: LabApi): Slice<TraceSlice> =>
  (set, get) => {
    let generation = 0;
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    /** The newest id `traceTotal` already counts: a live batch can bring rows the list that set
     * the total had counted already (the engine flushes a batch after the rows are listable). */
    let countedTo = 0;
    return {
      traceRows: [],
      traceTotal: 0,
      // The Test client's copies of its own packets are hidden until asked for.
      traceFilter: { role: ['server'] },
      traceLoading: false,
      traceHasOlder: false,
      tracePaused: false,
      traceFollowing: true,
      traceMissed: 0,
      traceMarked: [],
      toggleTraceMark(id) {
        set((s) => ({
          traceMarked: s.traceMarked.includes(id)
            ? s.traceMarked.filter((x) => x !== id)
            : [...s.traceMarked, id],
        }));
      },
      clearTraceMarks() {
        set({ traceMarked: [] });
      },
      async loadTrace(replace = false) {
        const gen = ++generation;
        set({ traceLoading: true, traceError: undefined, traceMissed: 0 });
        try {
          const { rows, total } = await api.trace.list({ ...compactFilter(get().traceFilter), limit: PAGE });
          if (gen !== generation) return;
          const ascending = [...rows].reverse();
          // Keep live rows that arrived while the list was in flight (newer ones are not in its total).
          set((s) => {
            const listed = rows[0]?.id ?? 0;
            const newer = replace ? [] : s.traceRows.filter((r) => r.id > listed);
            countedTo = Math.max(listed, newer.at(-1)?.id ?? 0);
            return {
              traceRows: replace ? ascending : mergeRows(ascending, s.traceRows, TRACE_ROW_CAP),
              traceTotal: total + newer.length,
              traceHasOlder: rows.length >= PAGE,
              traceLoading: false,
            };
          });
        } catch (err) {
          if (gen === generation) set({ traceLoading: false, traceError: errorMessage(err) });
        }
      },
      async loadOlderTrace() {
        const first = get().traceRows[0];
        if (!first || get().traceLoading) return;
        const gen = generation;
        set({ traceLoading: true });
        try {
          const { rows } = await api.trace.list({
            ...compactFilter(get().traceFilter),
            before: first.id,
            limit: PAGE,
          });
          if (gen !== generation) return;
          set((s) => ({
            traceRows: mergeRows([...rows].reverse(), s.traceRows, TRACE_ROW_CAP + rows.length),
            traceHasOlder: rows.length >= PAGE,
            traceLoading: false,
          }));
        } catch (err) {
          set({ traceLoading: false, traceError: errorMessage(err) });
        }
      },
      async setTraceFilter(filter) {
        set({
          traceFilter: filter,
          traceRows: [],
          traceHasOlder: false,
          traceMarked: [],
          traceFollowing: true,
        });
        await get().loadTrace();
      },
      appendTraceRows(rows) {
        const { traceFilter, tracePaused, traceFollowing } = get();
        if (filterNeedsEngine(traceFilter)) {
          // Packet fields (radius.Class…) are only in the engine: ask it again, at most once a second.
          if (tracePaused || !traceFollowing) set((s) => ({ traceMissed: s.traceMissed + rows.length }));
          else if (!reloadTimer)
            reloadTimer = setTimeout(() => {
              reloadTimer = undefined;
              void get().loadTrace();
            }, 1000);
          return;
        }
        const wanted = rows.filter((r) => matchesTraceFilter(r, traceFilter));
        if (wanted.length === 0) return;
        if (tracePaused || !traceFollowing) {
          set((s) => ({ traceMissed: s.traceMissed + wanted.length }));
          return;
        }
        const sorted = [...wanted].sort((a, b) => a.id - b.id);
        const fresh = sorted.filter((r) => r.id > countedTo).length;
        countedTo = Math.max(countedTo, sorted.at(-1)!.id);
        set((s) => ({
          traceRows: mergeRows(s.traceRows, sorted, TRACE_ROW_CAP),
          traceTotal: s.traceTotal + fresh,
        }));
      },
      setTracePaused(paused) {
        const { traceMissed, traceFollowing } = get();
        set({ tracePaused: paused });
        // Resuming after missed rows: reload so the list has no gap.
        if (!paused && traceFollowing && traceMissed > 0) void get().loadTrace(true);
      },
      setTraceFollowing(following) {
        const { traceMissed, tracePaused, traceFollowing } = get();
        if (following === traceFollowing) return;
        set({ traceFollowing: following });
        if (following && !tracePaused && traceMissed > 0) void get().loadTrace(true);
      },
      async selectTrace(id) {
        set({ selectedTraceId: id, traceRecord: undefined, traceRecordError: undefined });
        if (id === undefined) return;
        try {
          const record = await api.trace.get({ id });
          if (get().selectedTraceId === id) set({ traceRecord: record });
        } catch (err) {
          if (get().selectedTraceId === id) set({ traceRecordError: errorMessage(err) });
        }
      },
      async openTrace(id) {
        const gen = ++generation;
        set({ traceFollowing: false, traceMissed: 0, traceLoading: true, traceError: undefined });
        void get().selectTrace(id);
        const around = async () => {
          const { rows } = await api.trace.list({
            ...compactFilter(get().traceFilter),
            before: id + PAGE / 2,
            limit: PAGE,
          });
          return rows;
        };
        try {
          let rows = await around();
          if (!rows.some((r) => r.id === id) && get().traceFilter.role?.length) {
            set((s) => ({ traceFilter: { ...s.traceFilter, role: undefined } }));
            rows = await around();
          }
          if (gen !== generation) return;
          set({ traceRows: [...rows].reverse(), traceHasOlder: rows.length >= PAGE, traceLoading: false });
        } catch (err) {
          if (gen === generation) set({ traceLoading: false, traceError: errorMessage(err) });
        }
      },
      async clearTrace() {
        try {
          await api.trace.clear();
          get().traceCleared();
        } catch (err) {
          set({ traceError: errorMessage(err) });
        }
      },
      traceCleared() {
        generation++;
        set({
          traceRows: [],
          traceTotal: 0,
          traceHasOlder: false,
          traceMissed: 0,
          selectedTraceId: undefined,
          traceRecord: undefined,
          traceLoading: false,
          traceMarked: [],
        });
      },
    };
  };
