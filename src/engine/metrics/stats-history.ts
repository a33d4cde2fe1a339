import { STATS_HISTORY_SECONDS, type StatsTick } from '../../contract/stats';

/**
 * The last hour of per-second ticks, oldest first, bounded by count and by time. A second that was
 * never ticked (the engine was busy or not yet started) is simply absent: the chart shows a gap.
 */
export class StatsHistory {
  #ticks: StatsTick[] = [];

  constructor(readonly windowSeconds = STATS_HISTORY_SECONDS) {}

  push(tick: StatsTick): void {
    const ticks = this.#ticks;
    // The wall clock went back (or a second was closed twice): later seconds no longer follow it.
    while (ticks.length > 0 && ticks[ticks.length - 1]!.at >= tick.at) ticks.pop();
    ticks.push(tick);
    const oldest = tick.at - (this.windowSeconds - 1) * 1000;
    let drop = 0;
    while (drop < ticks.length && ticks[drop]!.at < oldest) drop++;
    if (drop > 0) ticks.splice(0, drop);
  }

  /** Ticks after `after` (ms since the epoch), or the whole window. */
  since(after?: number): StatsTick[] {
    if (after === undefined) return [...this.#ticks];
    let i = this.#ticks.length;
    while (i > 0 && this.#ticks[i - 1]!.at > after) i--;
    return this.#ticks.slice(i);
  }

  get size(): number {
    return this.#ticks.length;
  }
}
