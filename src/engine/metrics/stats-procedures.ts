import type { HandlersOf } from '../../contract/dispatch';
import type { statsHistoryProcedures } from '../../contract/stats';
import type { StatsHistory } from './stats-history';

/** The part of the engine stats.history reads. */
export interface StatsHistoryEngine {
  readonly statsHistory: Pick<StatsHistory, 'since' | 'windowSeconds'>;
}

export function statsHistoryHandlers(engine: StatsHistoryEngine): HandlersOf<typeof statsHistoryProcedures> {
  return {
    'stats.history': async ({ after }) => ({
      ticks: engine.statsHistory.since(after),
      windowSeconds: engine.statsHistory.windowSeconds,
    }),
  };
}
