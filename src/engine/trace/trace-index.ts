import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../store/database';

/**
 * The trace's on-disk index: one row of list fields per packet, written in batches. The store
 * hands it flat parameter arrays (COLUMNS values per row, in INSERT order).
 */
export interface TraceIndex {
  /** First id for this run: ids continue across runs so index rows never collide. */
  readonly firstId: number;
  write(params: unknown[]): void;
  close(): Promise<void>;
}

export const COLUMNS = 12;
/** 64 rows × 12 columns = 768 parameters, far below SQLite's limit of 32,766. */
const ROWS_PER_INSERT = 64;

const SCHEMA = `CREATE TABLE IF NOT EXISTS trace_index (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  time_us INTEGER NOT NULL,
  protocol TEXT NOT NULL,
  direction TEXT NOT NULL,
  device TEXT,
  username TEXT,
  session_id TEXT,
  result TEXT,
  remote TEXT NOT NULL,
  summary TEXT NOT NULL,
  length INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS trace_index_run ON trace_index(run_id, id);`;

const INSERT = `INSERT INTO trace_index (id, run_id, time_us, protocol, direction, device, username, session_id, result, remote, summary, length) VALUES `;

const insertSql = (rows: number): string =>
  INSERT + new Array<string>(rows).fill(`(${new Array<string>(COLUMNS).fill('?').join(', ')})`).join(', ');

/**
 * Writes `params` (whole rows) in one transaction of multi-row INSERTs: per-statement overhead,
 * not the rows, dominated the per-row cost. The worker below runs the same loop, written out in
 * its source text (a transpiled function's toString() is not safe to eval: coverage counters,
 * helper calls).
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
      many.run(params.slice(i * columns, (i + perInsert) * columns));
    for (; i < rows; i++) one.run(params.slice(i * columns, (i + 1) * columns));
  })();
}

/** On the caller's own connection, synchronously: tests and in-memory databases. */
export class SqliteTraceIndex implements TraceIndex {
  readonly firstId: number;
  readonly #many: Database.Statement;
  readonly #one: Database.Statement;

  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
    this.firstId = maxId(db) + 1;
    this.#many = db.prepare(insertSql(ROWS_PER_INSERT));
    this.#one = db.prepare(insertSql(1));
  }

  write(params: unknown[]): void {
    writeRows(this.db, this.#many, this.#one, params, ROWS_PER_INSERT, COLUMNS);
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
  readonly firstId: number;
  readonly #worker: Worker;
  #failed = false;

  constructor(file: string, opts: { nativeBinding?: string; onError?: (message: string) => void } = {}) {
    mkdirSync(dirname(file), { recursive: true });
    const setup = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    try {
      setup.pragma('journal_mode = WAL');
      setup.exec(SCHEMA);
      this.firstId = maxId(setup) + 1;
    } finally {
      setup.close();
    }
    this.#worker = new Worker(workerSource(), {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        nativeBinding: opts.nativeBinding,
        insertMany: insertSql(ROWS_PER_INSERT),
        insertOne: insertSql(1),
        perInsert: ROWS_PER_INSERT,
        columns: COLUMNS,
      },
    });
    this.#worker.unref();
    const fail = (message: string): void => {
      if (this.#failed) return;
      this.#failed = true;
      opts.onError?.(message);
    };
    this.#worker.on('error', (e) => fail(e.message));
    this.#worker.on('message', (m: { error?: string }) => m.error && fail(m.error));
  }

  write(params: unknown[]): void {
    if (!this.#failed) this.#worker.postMessage(params);
  }

  /** Lets the worker finish what was posted, then stops it. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('close');
    const timer = setTimeout(() => void this.#worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
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
const write = db.transaction((params) => {
  const rows = params.length / w.columns;
  let i = 0;
  for (; i + w.perInsert <= rows; i += w.perInsert)
    many.run(params.slice(i * w.columns, (i + w.perInsert) * w.columns));
  for (; i < rows; i++) one.run(params.slice(i * w.columns, (i + 1) * w.columns));
});
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    write(m);
  } catch (e) {
    parentPort.postMessage({ error: 'trace index: ' + (e && e.message) });
  }
});`;
}
