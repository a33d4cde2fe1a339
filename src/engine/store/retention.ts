import type { Logger } from '../context';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface RetentionTargets {
  deleteOlderThan(time: number): number;
}

/**
 * `accounting.retentionDays` (0 = keep forever): once at start and then hourly, accounting records
 * older than the limit and sessions that stopped before it are deleted. The limit is read from the
 * lab on every sweep, so a reload takes effect at the next hour without restarting anything.
 */
export class AccountingRetention {
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly retentionDays: () => number,
    private readonly records: RetentionTargets,
    private readonly sessions: { deleteStoppedBefore(time: number): number },
    private readonly log?: Logger,
    intervalMs = HOUR_MS,
  ) {
    this.#timer = setInterval(() => this.sweep(), intervalMs);
    this.#timer.unref();
    queueMicrotask(() => this.sweep());
  }

  /** Deletes what is past retention; returns the number of accounting records deleted. */
  sweep(now = Date.now()): number {
    const days = this.retentionDays();
    if (!(days > 0)) return 0;
    const cutoff = now - days * DAY_MS;
    try {
      const n = this.records.deleteOlderThan(cutoff);
      const s = this.sessions.deleteStoppedBefore(cutoff);
      if (n || s)
        this.log?.info('accounting retention', {
          deletedRecords: n,
          deletedSessions: s,
          retentionDays: days,
        });
      return n;
    } catch (e) {
      // A closed or busy database must not crash the process from a timer.
      this.log?.warn('accounting retention sweep failed', { error: (e as Error).message });
      return 0;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
