import type { StatsTick } from '../../../contract';
import type { Slice } from './types';

/** Five minutes of per-second aggregates for the dashboard charts. */
export const STATS_WINDOW = 300;

export interface StatsSlice {
  ticks: StatsTick[];
  pushTick(tick: StatsTick): void;
}

export const createStatsSlice = (): Slice<StatsSlice> => (set) => ({
  ticks: [],
  pushTick(tick) {
    set((s) => {
      const last = s.ticks[s.ticks.length - 1];
      // A tick for the same second replaces the previous one (the engine may re-send after a reconnect).
      const base = last && last.at === tick.at ? s.ticks.slice(0, -1) : s.ticks;
      const next = [...base, tick];
      return { ticks: next.length > STATS_WINDOW ? next.slice(next.length - STATS_WINDOW) : next };
    });
  },
});
