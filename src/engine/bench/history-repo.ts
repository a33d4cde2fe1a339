import type { BenchRunResult } from '../../contract/bench';
import type { Db } from '../store/database';

interface Row {
  id: number;
  suite: string;
  started_at: number;
  duration_ms: number;
  passed: number;
  failed: number;
  total: number;
  result: string;
  source: string;
}

/** How many runs are kept: the oldest beyond this are pruned on insert. */
const KEEP = 1000;

/**
 * Bench run history in the lab database. The table is created here (IF NOT EXISTS) rather than by a
 * numbered migration, so the bench lands without renumbering other branches' migrations.
 */
export class BenchHistoryRepo {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS bench_runs (
      id INTEGER PRIMARY KEY,
      suite TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      duration_ms REAL NOT NULL,
      passed INTEGER NOT NULL,
      failed INTEGER NOT NULL,
      total INTEGER NOT NULL,
      result TEXT NOT NULL,
      source TEXT NOT NULL
    )`);
  }

  add(r: BenchRunResult, source: string): number {
    const info = this.db
      .prepare(
        `INSERT INTO bench_runs (suite, started_at, duration_ms, passed, failed, total, result, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.suite, r.startedAt, r.durationMs, r.passed, r.failed, r.total, JSON.stringify(r), source);
    const id = Number(info.lastInsertRowid);
    this.db.prepare('DELETE FROM bench_runs WHERE id <= ?').run(id - KEEP);
    return id;
  }

  list(limit: number) {
    const rows = this.db
      .prepare(
        'SELECT id, suite, started_at, duration_ms, passed, failed, total FROM bench_runs ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as Row[];
    return rows.map((r) => ({
      id: r.id,
      suite: r.suite,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      passed: r.passed,
      failed: r.failed,
      total: r.total,
    }));
  }

  get(id: number): (BenchRunResult & { source: string }) | undefined {
    const r = this.db.prepare('SELECT id, result, source FROM bench_runs WHERE id = ?').get(id) as
      Row | undefined;
    if (!r) return undefined;
    return { ...(JSON.parse(r.result) as BenchRunResult), id: r.id, source: r.source };
  }
}
