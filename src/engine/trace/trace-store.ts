import type { TraceFilter, TraceRow } from '../../contract/trace';
import type { Db } from '../store/database';
import { nowUs } from './clock';
import {
  resolveDissection,
  type FieldNode,
  type TraceDecision,
  type TraceInput,
  type TraceSink,
} from './types';

export interface TraceRecord extends TraceRow {
  bytes: Uint8Array;
  dissection: FieldNode[];
  decision?: TraceDecision;
}

export interface TraceStoreOptions {
  ringSize: number;
  db?: Db;
  runId: string;
  /** Called with the rows appended since the last flush (list fields only). */
  onBatch?: (rows: TraceRow[]) => void;
  /** Sees every record as appended: its `dissection` is still empty when the input's was a thunk. */
  onRecord?: (record: TraceRecord, input: TraceInput) => void;
  flushIntervalMs?: number;
}

/** A lazy record's tree before its first read; frozen because every such record shares it. */
const NOT_YET = Object.freeze([]) as unknown as FieldNode[];

/**
 * Every packet of this run: a bounded in-memory ring (bytes + dissection, fetched by id) and an
 * on-disk index in SQLite written in batches, so ingest costs one array store per packet. A lazy
 * dissection (a thunk) waits in a slot beside the record and becomes its tree on first read.
 */
export class TraceStore implements TraceSink {
  readonly #ring: Array<TraceRecord | undefined>;
  /** Per ring slot: the thunk that has not run yet for the record in that slot. */
  readonly #lazy: Array<(() => FieldNode[]) | undefined>;
  readonly #pending: TraceRecord[] = [];
  readonly #timer: NodeJS.Timeout;
  readonly #insert;
  readonly #insertMany;
  #nextId = 1;
  readonly #flushSoon = (): void => this.flush();

  constructor(private readonly opts: TraceStoreOptions) {
    this.#ring = new Array<TraceRecord | undefined>(opts.ringSize);
    this.#lazy = new Array<(() => FieldNode[]) | undefined>(opts.ringSize);
    this.#insert = opts.db?.prepare(insertSql(1));
    this.#insertMany = opts.db?.prepare(insertSql(ROWS_PER_INSERT));
    if (opts.db) {
      const max = opts.db.prepare('SELECT MAX(id) AS id FROM trace_index').get() as { id: number | null };
      this.#nextId = (max.id ?? 0) + 1;
    }
    this.#timer = setInterval(() => this.flush(), opts.flushIntervalMs ?? 100);
    this.#timer.unref();
  }

  append(input: TraceInput): number {
    try {
      const id = this.#nextId++;
      const timeUs = nowUs();
      const request = input.replyTo !== undefined ? this.#at(input.replyTo) : undefined;
      const d = input.dissection;
      const rec: TraceRecord = {
        id,
        timeUs,
        protocol: input.protocol,
        direction: input.direction,
        transport: input.transport,
        role: input.role,
        local: input.local,
        remote: input.remote,
        device: input.device,
        user: input.user ?? request?.user,
        sessionId: input.sessionId,
        summary: input.summary,
        result: input.result,
        length: input.bytes.length,
        replyTo: input.replyTo,
        latencyUs: request ? timeUs - request.timeUs : undefined,
        duplicate: input.duplicate,
        retransmit: input.retransmit,
        diagnosis: input.diagnosis,
        bytes: input.bytes,
        dissection: typeof d === 'function' ? NOT_YET : (d ?? []),
        decision: input.decision,
      };
      const slot = id % this.#ring.length;
      this.#ring[slot] = rec;
      this.#lazy[slot] = typeof d === 'function' ? d : undefined;
      // Under load, flush in slices soon after they fill rather than one long transaction per
      // interval: a 100 ms batch at 40k records/s blocked the event loop ~15 ms (the p99).
      if (this.#pending.push(rec) === FLUSH_ROWS && this.opts.db) setImmediate(this.#flushSoon);
      this.opts.onRecord?.(rec, input);
      return id;
    } catch {
      return 0; // the trace must never take a server down
    }
  }

  /** The whole record (bytes, dissection, decision) while the ring still holds it. */
  get(id: number): TraceRecord | undefined {
    const rec = this.#at(id);
    if (rec) {
      const slot = id % this.#ring.length;
      const thunk = this.#lazy[slot];
      if (thunk) {
        this.#lazy[slot] = undefined;
        rec.dissection = resolveDissection(thunk, rec.length);
      }
    }
    return rec;
  }

  /** The record without running its dissection (lists, filters, reply linking). */
  #at(id: number): TraceRecord | undefined {
    const rec = this.#ring[id % this.#ring.length];
    return rec && rec.id === id ? rec : undefined;
  }

  /** Newest first, filtered, paged by id. Only what the ring still holds has bytes to show. */
  list(filter: TraceFilter & { before?: number; limit?: number }): { rows: TraceRow[]; total: number } {
    const limit = filter.limit ?? 500;
    const match = compileFilter(filter);
    const rows: TraceRow[] = [];
    let total = 0;
    const start = Math.min(filter.before ?? this.#nextId, this.#nextId) - 1;
    const oldest = Math.max(1, this.#nextId - this.#ring.length);
    for (let id = start; id >= oldest; id--) {
      const rec = this.#at(id);
      if (!rec || !match(rec)) continue;
      total++;
      if (rows.length < limit) rows.push(toRow(rec));
    }
    return { rows, total };
  }

  /** Records still in the ring, oldest first (exports). */
  *records(filter: TraceFilter = {}, ids?: ReadonlySet<number>): Generator<TraceRecord> {
    const match = compileFilter(filter);
    for (let id = Math.max(1, this.#nextId - this.#ring.length); id < this.#nextId; id++) {
      const rec = this.#at(id);
      if (rec && (!ids || ids.has(id)) && match(rec)) yield this.get(id)!;
    }
  }

  clear(): number {
    const n = this.#ring.filter(Boolean).length;
    this.#ring.fill(undefined);
    this.#lazy.fill(undefined);
    this.#pending.length = 0;
    return n;
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending.splice(0, this.#pending.length);
    const { db, runId } = this.opts;
    const one = this.#insert;
    const many = this.#insertMany;
    if (db && one && many) {
      try {
        // Multi-row INSERTs: per-statement overhead, not the rows, dominated the per-row cost.
        db.transaction(() => {
          const params: unknown[] = [];
          let i = 0;
          for (; i + ROWS_PER_INSERT <= batch.length; i += ROWS_PER_INSERT) {
            params.length = 0;
            for (let j = i; j < i + ROWS_PER_INSERT; j++) pushRow(params, batch[j]!, runId);
            many.run(params);
          }
          for (; i < batch.length; i++) {
            params.length = 0;
            pushRow(params, batch[i]!, runId);
            one.run(params);
          }
        })();
      } catch {
        // The index is a convenience; the ring still holds the records.
      }
    }
    this.opts.onBatch?.(batch.map(toRow));
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}

/** Pending rows that trigger a flush on the next turn instead of waiting for the interval. */
const FLUSH_ROWS = 512;
const COLUMNS = 12;
/** 64 rows × 12 columns = 768 parameters, far below SQLite's limit of 32,766. */
const ROWS_PER_INSERT = 64;

function insertSql(rows: number): string {
  const row = `(${new Array<string>(COLUMNS).fill('?').join(', ')})`;
  return `INSERT INTO trace_index (id, run_id, time_us, protocol, direction, device, username, session_id, result, remote, summary, length)
       VALUES ${new Array<string>(rows).fill(row).join(', ')}`;
}

function pushRow(params: unknown[], r: TraceRecord, runId: string): void {
  params.push(
    r.id,
    runId,
    r.timeUs,
    r.protocol,
    r.direction,
    r.device ?? null,
    r.user ?? null,
    r.sessionId ?? null,
    r.result ?? null,
    `${r.remote.address}:${r.remote.port}`,
    r.summary,
    r.length,
  );
}

export function toRow(r: TraceRecord): TraceRow {
  const { bytes: _b, dissection: _d, decision: _x, ...row } = r;
  return row;
}

function compileFilter(f: TraceFilter): (r: TraceRecord) => boolean {
  const text = f.text?.toLowerCase();
  return (r) =>
    (!f.protocol?.length || f.protocol.includes(r.protocol)) &&
    (!f.device || r.device === f.device) &&
    (!f.user || r.user === f.user) &&
    (!f.result?.length || (r.result !== undefined && f.result.includes(r.result))) &&
    (!f.sessionId || r.sessionId === f.sessionId) &&
    (f.fromUs === undefined || r.timeUs >= f.fromUs) &&
    (f.toUs === undefined || r.timeUs <= f.toUs) &&
    (!text ||
      r.summary.toLowerCase().includes(text) ||
      (r.diagnosis?.toLowerCase().includes(text) ?? false) ||
      r.remote.address.includes(text) ||
      (r.user?.toLowerCase().includes(text) ?? false));
}
