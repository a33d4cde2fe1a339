import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../store/database';
import {
  batchParams,
  INDEX_NUMS,
  INDEX_OUT_SHIFT,
  INDEX_PROTOCOL_MASK,
  INDEX_PROTOCOLS,
  INDEX_REFS,
  INDEX_RESULT_MASK,
  INDEX_RESULT_SHIFT,
  INDEX_RESULTS,
  NUMERIC_SESSION_REF,
  type IndexBatch,
} from './index-batch';

/** The trace's on-disk index: one row of list fields per packet, written in batches (IndexBatch). */
export interface TraceIndex {
  /**
   * Records a new run and returns its first id: ids continue across runs, so a run's rows are the
   * id range from its first id to the next run's (see the trace_rows view).
   */
  start(runId: string): number;
  write(batch: IndexBatch): void;
  close(): Promise<void>;
}

export const COLUMNS = 9;
/** 64 rows × 9 columns = 576 parameters, far below SQLite's limit of 32,766. */
const ROWS_PER_INSERT = 64;
/** Bumped when the layout changes: the index is disposable, an older one is dropped and rebuilt. */
const VERSION = 3;

// Runs are id ranges rather than a run_id per row: the UUID and the (run_id, id) index cost about
// a third of each row's insert.
const caseOf = (expr: string, values: readonly (string | null)[]): string =>
  `CASE ${expr} ${values.map((v, i) => `WHEN ${i} THEN ${v === null ? 'NULL' : `'${v}'`}`).join(' ')} END`;

// protocol, direction and result are one integer (index-batch.ts, indexCode): the view shows
// them as text, in the columns the index always had.
const SCHEMA = `CREATE TABLE IF NOT EXISTS trace_runs (
  run_id TEXT PRIMARY KEY,
  first_id INTEGER NOT NULL UNIQUE,
  started_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trace_index (
  id INTEGER PRIMARY KEY,
  time_us INTEGER NOT NULL,
  code INTEGER NOT NULL,
  device TEXT,
  username TEXT,
  session_id TEXT,
  remote TEXT NOT NULL,
  summary TEXT NOT NULL,
  length INTEGER NOT NULL
);
CREATE VIEW IF NOT EXISTS trace_rows AS
  SELECT (SELECT run_id FROM trace_runs WHERE first_id <= i.id ORDER BY first_id DESC LIMIT 1) AS run_id,
    i.id, i.time_us,
    ${caseOf(`i.code & ${INDEX_PROTOCOL_MASK}`, INDEX_PROTOCOLS)} AS protocol,
    CASE (i.code >> ${INDEX_OUT_SHIFT}) & 1 WHEN 1 THEN 'out' ELSE 'in' END AS direction,
    i.device, i.username, i.session_id,
    ${caseOf(`(i.code >> ${INDEX_RESULT_SHIFT}) & ${INDEX_RESULT_MASK}`, INDEX_RESULTS)} AS result,
    i.remote, i.summary, i.length
  FROM trace_index i;`;

/** Creates or upgrades the schema and returns the next free id. */
function prepareFile(db: Db): number {
  if ((db.pragma('user_version', { simple: true }) as number) < VERSION) {
    db.exec(
      'DROP VIEW IF EXISTS trace_rows; DROP TABLE IF EXISTS trace_index; DROP TABLE IF EXISTS trace_runs;',
    );
    db.pragma(`user_version = ${VERSION}`);
  }
  db.exec(SCHEMA);
  return maxId(db) + 1;
}

function recordRun(db: Db, runId: string, firstId: number): void {
  db.prepare('INSERT OR REPLACE INTO trace_runs (run_id, first_id, started_at) VALUES (?, ?, ?)').run(
    runId,
    firstId,
    Date.now(),
  );
}

/**
 * The row cap: once `pruneSlack(maxRows)` rows have come in since the last prune, the oldest go
 * (down to `maxRows`), and runs left without rows with them. In slices, so a prune costs the
 * writer one range delete every few thousand rows rather than one per batch; SQLite reuses the
 * freed pages, so the file stops growing at about the cap's size.
 */
const pruneSlack = (maxRows: number): number => Math.max(1000, Math.floor(maxRows / 20));
const PRUNE_ROWS = 'DELETE FROM trace_index WHERE id < ?';
const PRUNE_RUNS =
  'DELETE FROM trace_runs WHERE first_id < (SELECT MAX(first_id) FROM trace_runs WHERE first_id <= ?)';

/**
 * Keeps the newest `maxRows` ids up to `lastId` (0: no cap). The worker below runs the same steps
 * from its own source text.
 */
function prune(db: Db, lastId: number, maxRows: number): void {
  const cutoff = lastId - maxRows + 1;
  if (maxRows <= 0 || cutoff <= 1) return;
  db.transaction(() => {
    db.prepare(PRUNE_ROWS).run(cutoff);
    db.prepare(PRUNE_RUNS).run(cutoff);
  })();
}

const INSERT = `INSERT INTO trace_index (id, time_us, code, device, username, session_id, remote, summary, length) VALUES `;

const insertSql = (rows: number): string =>
  INSERT + new Array<string>(rows).fill(`(${new Array<string>(COLUMNS).fill('?').join(', ')})`).join(', ');

/**
 * Writes `params` (whole rows) in one transaction of multi-row INSERTs: per-statement overhead,
 * not the rows, dominated the per-row cost. Parameters go as arguments, not as one array: the
 * driver reads an array element by element through V8's generic property lookup, ~20% of a row's
 * cost. The worker below runs the same loop, written out in its source text (a transpiled
 * function's toString() is not safe to eval: coverage counters, helper calls).
 */
function writeRows(
  db: Db,
  many: Database.Statement,
  one: Database.Statement,
  params: unknown[],
  perInsert: number,
  columns: number,
): void {
  db.transaction(() => {
    const rows = params.length / columns;
    let i = 0;
    for (; i + perInsert <= rows; i += perInsert)
      many.run(...params.slice(i * columns, (i + perInsert) * columns));
    for (; i < rows; i++) one.run(...params.slice(i * columns, (i + 1) * columns));
  })();
}

/** How many rows the index keeps (`trace.indexRows`); 0 keeps every row. */
export interface IndexLimits {
  maxRows?: number;
}

/** On the caller's own connection, synchronously: tests and in-memory databases. */
export class SqliteTraceIndex implements TraceIndex {
  readonly #many: Database.Statement;
  readonly #one: Database.Statement;
  readonly #firstId: number;
  readonly #maxRows: number;
  #pruneAt: number;

  constructor(
    private readonly db: Db,
    limits: IndexLimits = {},
  ) {
    this.#firstId = prepareFile(db);
    this.#many = db.prepare(insertSql(ROWS_PER_INSERT));
    this.#one = db.prepare(insertSql(1));
    this.#maxRows = limits.maxRows ?? 0;
    prune(db, this.#firstId - 1, this.#maxRows);
    this.#pruneAt = this.#firstId - 1 + pruneSlack(this.#maxRows);
  }

  start(runId: string): number {
    recordRun(this.db, runId, this.#firstId);
    return this.#firstId;
  }

  write(batch: IndexBatch): void {
    writeRows(this.db, this.#many, this.#one, batchParams(batch, []), ROWS_PER_INSERT, COLUMNS);
    const lastId = batch.rows > 0 ? batch.nums[(batch.rows - 1) * INDEX_NUMS]! : 0;
    if (this.#maxRows > 0 && lastId >= this.#pruneAt) {
      prune(this.db, lastId, this.#maxRows);
      this.#pruneAt = lastId + pruneSlack(this.#maxRows);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * In its own SQLite file, written by a worker thread with its own connection: the inserts (about
 * 2.5 µs per row) leave the thread that answers packets, which only posts the flat parameters,
 * and a file of its own means the index never waits on, or delays, an accounting commit.
 */
export class WorkerTraceIndex implements TraceIndex {
  #worker?: Worker;
  #failed = false;

  constructor(
    private readonly file: string,
    private readonly opts: IndexLimits & { nativeBinding?: string; onError?: (message: string) => void } = {},
  ) {}

  /**
   * Prepares the file and records the run on a short-lived connection of its own (synchronously:
   * the store needs the first id now), then starts the worker that writes the rows.
   */
  start(runId: string): number {
    const { nativeBinding } = this.opts;
    mkdirSync(dirname(this.file), { recursive: true });
    const db = new Database(this.file, nativeBinding ? { nativeBinding } : {});
    let firstId: number;
    try {
      db.pragma('journal_mode = WAL');
      firstId = prepareFile(db);
      recordRun(db, runId, firstId);
    } finally {
      db.close();
    }
    const worker = (this.#worker = new Worker(workerSource(), {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.file,
        nativeBinding,
        insertMany: insertSql(ROWS_PER_INSERT),
        insertOne: insertSql(1),
        perInsert: ROWS_PER_INSERT,
        columns: COLUMNS,
        nums: INDEX_NUMS,
        refs: INDEX_REFS,
        numericSession: NUMERIC_SESSION_REF,
        maxRows: this.opts.maxRows ?? 0,
        slack: pruneSlack(this.opts.maxRows ?? 0),
        pruneRows: PRUNE_ROWS,
        pruneRuns: PRUNE_RUNS,
      },
    }));
    worker.unref();
    // A worker that stopped on its own (an error) must not be waited for by close().
    worker.once('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
    });
    worker.on('error', (e) => this.#fail(e.message));
    worker.on('message', (m: { error?: string }) => m.error && this.#fail(m.error));
    return firstId;
  }

  /** Posts the batch, transferring its typed arrays (the batch is unusable here afterwards). */
  write(batch: IndexBatch): void {
    if (!this.#failed)
      this.#worker?.postMessage(batch, [batch.nums.buffer as ArrayBuffer, batch.refs.buffer as ArrayBuffer]);
  }

  /** Lets the worker finish what was posted, then stops it. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  #fail(message: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.opts.onError?.(message);
  }
}

function maxId(db: Db): number {
  return (db.prepare('SELECT MAX(id) AS id FROM trace_index').get() as { id: number | null }).id ?? 0;
}

/** The worker's CommonJS source: the driver is resolved by the parent (bundled apps move modules). */
function workerSource(): string {
  return `'use strict';
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.file, w.nativeBinding ? { nativeBinding: w.nativeBinding } : {});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const many = db.prepare(w.insertMany);
const one = db.prepare(w.insertOne);
// prune (above), written out: keep the newest w.maxRows ids, starting with what an earlier run left.
const pruneRows = db.prepare(w.pruneRows);
const pruneRuns = db.prepare(w.pruneRuns);
const prune = db.transaction((lastId) => {
  const cutoff = lastId - w.maxRows + 1;
  if (w.maxRows <= 0 || cutoff <= 1) return;
  pruneRows.run(cutoff);
  pruneRuns.run(cutoff);
});
const startId = db.prepare('SELECT MAX(id) AS id FROM trace_index').get().id || 0;
prune(startId);
let pruneAt = startId + w.slack;
// batchParams (index-batch.ts), written out: a batch's rows as the INSERT's parameters.
function batchParams(b) {
  const out = [];
  const str = (r) => (r < 0 ? null : b.strs[r]);
  for (let i = 0; i < b.rows; i++) {
    const o = i * w.nums;
    const r = i * w.refs;
    const session =
      b.refs[r + 2] === w.numericSession
        ? '0x' + (b.nums[o + 4] >>> 0).toString(16).padStart(8, '0')
        : str(b.refs[r + 2]);
    out.push(
      b.nums[o], b.nums[o + 1], b.nums[o + 5], str(b.refs[r]), str(b.refs[r + 1]), session,
      str(b.refs[r + 3]) + ':' + b.nums[o + 3], str(b.refs[r + 4]), b.nums[o + 2],
    );
  }
  return out;
}
const write = db.transaction((batch) => {
  const params = batchParams(batch);
  const rows = params.length / w.columns;
  let i = 0;
  for (; i + w.perInsert <= rows; i += w.perInsert)
    many.run(...params.slice(i * w.columns, (i + w.perInsert) * w.columns));
  for (; i < rows; i++) one.run(...params.slice(i * w.columns, (i + 1) * w.columns));
});
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    write(m);
    const lastId = m.rows > 0 ? m.nums[(m.rows - 1) * w.nums] : 0;
    if (w.maxRows > 0 && lastId >= pruneAt) {
      prune(lastId);
      pruneAt = lastId + w.slack;
    }
  } catch (e) {
    parentPort.postMessage({ error: 'trace index: ' + (e && e.message) });
  }
});`;
}
