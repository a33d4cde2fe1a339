import type { EventName } from '../../../contract';
import { errorMessage } from '../lib/format';
import type { Slice } from './types';

/** What one query holds: its last answer, its last error, and how often it was invalidated. */
export interface QueryEntry {
  data?: unknown;
  error?: string;
  /** Bumped by `invalidateQueries`: the screens showing the query fetch it again. */
  stale: number;
}

/**
 * Answers of request/response procedures a screen asked for (useQuery), held in the store beside
 * the live state: one place for the renderer's data. Keys are the procedure's name, then its input
 * when it has one (`sessions.list`, `accounting.timeline:{"sessionId":"…"}`), so an engine event
 * can invalidate every query of the procedures it changes (QUERIES_CHANGED_BY).
 */
export interface QuerySlice {
  queries: Record<string, QueryEntry>;
  /** Runs `fetch` for `key` and holds the answer; an answer of a superseded run is dropped. */
  fetchQuery(key: string, fetch: () => Promise<unknown>): Promise<void>;
  /** Marks matching queries stale (all of them without a prefix list): their screens refetch. */
  invalidateQueries(prefixes?: readonly string[]): void;
  /** Forgets a query nobody shows any more (a screen's private one, on unmount). */
  dropQuery(key: string): void;
}

/** Which queries an engine event makes stale, by key prefix. */
export const QUERIES_CHANGED_BY: Partial<Record<EventName, readonly string[]>> = {
  // Services started or stopped, the lab reloaded: listeners, saved requests and presets may differ.
  'lab.status.changed': ['servers.', 'client.'],
  'trace.cleared': ['trace.'],
  // New accounting records: the Accounting table's first page, sessions and timelines change.
  'accounting.recorded': ['accounting.', 'sessions.'],
};

export const createQuerySlice = (): Slice<QuerySlice> => (set) => {
  const runs = new Map<string, number>();
  return {
    queries: {},
    async fetchQuery(key, fetch) {
      const run = (runs.get(key) ?? 0) + 1;
      runs.set(key, run);
      const put = (patch: Partial<QueryEntry>) => {
        if (runs.get(key) !== run) return;
        set((s) => ({ queries: { ...s.queries, [key]: { stale: 0, ...s.queries[key], ...patch } } }));
      };
      try {
        put({ data: await fetch(), error: undefined });
      } catch (e) {
        put({ error: errorMessage(e) }); // the last answer stays on screen beside the error
      }
    },
    invalidateQueries(prefixes) {
      set((s) => {
        const queries = { ...s.queries };
        for (const [k, q] of Object.entries(queries))
          if (!prefixes || prefixes.some((p) => k.startsWith(p))) queries[k] = { ...q, stale: q.stale + 1 };
        return { queries };
      });
    },
    dropQuery(key) {
      runs.delete(key);
      set((s) => {
        if (!(key in s.queries)) return s;
        const { [key]: _gone, ...queries } = s.queries;
        return { queries };
      });
    },
  };
};
