import { STATS_HISTORY_SECONDS, type LabApi, type StatsTick } from '../../../contract';
import type { Slice } from './types';

/** The engine keeps an hour of per-second aggregates; the store holds the same window. */
export const STATS_WINDOW = STATS_HISTORY_SECONDS;

export interface StatsSlice {
  ticks: StatsTick[];
  pushTick(tick: StatsTick): void;
  /**
   * Fetches the engine's whole history and merges it with the live ticks: on connect, and after a
   * reconnect (events missed while away are not replayed; a live tick may already have arrived, so
   * "after the newest held" would skip the gap).
   */
  loadStatsHistory(): Promise<void>;
}

/**
 * Ticks ordered by second, one per second (an incoming tick replaces one for the same second),
 * trimmed to the window behind the newest.
 */
export function mergeTicks(held: readonly StatsTick[], incoming: readonly StatsTick[]): StatsTick[] {
  const last = held[held.length - 1];
  let out: StatsTick[];
  if (incoming.length === 1 && (!last || incoming[0]!.at >= last.at)) {
    // The live path: one tick a second, after (or replacing) the newest.
    out =
      last && last.at === incoming[0]!.at ? [...held.slice(0, -1), incoming[0]!] : [...held, incoming[0]!];
  } else {
    const bySecond = new Map<number, StatsTick>();
    for (const t of held) bySecond.set(t.at, t);
    for (const t of incoming) bySecond.set(t.at, t);
    out = [...bySecond.values()].sort((a, b) => a.at - b.at);
  }
  const oldest = (out[out.length - 1]?.at ?? 0) - (STATS_WINDOW - 1) * 1000;
  let drop = 0;
  while (drop < out.length && out[drop]!.at < oldest) drop++;
  return drop > 0 ? out.slice(drop) : out;
}

export const createStatsSlice =
  (api: LabApi): Slice<StatsSlice> =>
  (set) => ({
    ticks: [],
    pushTick(tick) {
      set((s) => ({ ticks: mergeTicks(s.ticks, [tick]) }));
    },
    async loadStatsHistory() {
      try {
        const { ticks } = await api.stats.history({});
        if (ticks.length > 0) set((s) => ({ ticks: mergeTicks(s.ticks, ticks) }));
      } catch {
        // An engine without history (or a dropped connection): the live ticks still arrive.
      }
    },
  });
