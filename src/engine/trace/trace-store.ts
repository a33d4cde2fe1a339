import type { TraceFilter, TraceRow } from '../../contract/trace';
import type { FieldNode } from '../packet-view';
import { nowUs } from './clock';
import { PROTOCOL_COUNT, protocolOf, TraceColumns } from './columns';
import { compileTraceFilter, fieldIndex } from './filter';
import { TlsKeyLog } from './tls-keys';
import type { TraceIndex } from './trace-index';
import { resolveDissection, type TraceInput, type TraceProtocol, type TraceSink } from './types';

export interface TraceRecord extends TraceRow {
  bytes: Uint8Array;
  dissection: FieldNode[];
  /** The record's own copy: the ring's decision is shared by every record that made it. */
  decision?: { allow: boolean; reasons: string[] };
}

/** What one flush hands its subscriber: counts always, rows only when asked for (they cost). */
export interface TraceBatch {
  readonly size: number;
  /** Records per protocol and direction in this batch. */
  counts(): Array<{ protocol: TraceProtocol; direction: 'in' | 'out'; n: number }>;
  /** The batch's rows (list fields only), built on demand. */
  rows(): TraceRow[];
}

export interface TraceStoreOptions {
  ringSize: number;
  /** The on-disk index (SqliteTraceIndex in tests, WorkerTraceIndex in the engine). */
  index?: TraceIndex;
  runId: string;
  /** Called with the records appended since the last flush. */
  onBatch?: (batch: TraceBatch) => void;
  /** Sees every record's input as appended, with its latency when it answers a request. */
  onRecord?: (input: TraceInput, latencyUs: number | undefined) => void;
  flushIntervalMs?: number;
}

/**
 * Every packet of this run: a bounded in-memory ring (bytes + dissection, fetched by id, stored as
 * columns: see TraceColumns) and an on-disk index in SQLite written in batches, so ingest costs a
 * few array stores per packet. A lazy dissection waits in the record and becomes its tree on first
 * read.
 */
export class TraceStore implements TraceSink {
  readonly #cols: TraceColumns;
  /** The flush of what was appended since the last one, pending only while there is something:
   * an idle lab then stays asleep rather than waking ten times a second to find nothing. */
  #timer: NodeJS.Timeout | undefined;
  readonly #flushInterval: number;
  #closed = false;
  readonly #flushLater = (): void => {
    this.#timer = undefined;
    this.flush();
  };
  #nextId = 1;
  /** Ids below this have been flushed (indexed and batched to the subscriber). */
  #flushedTo = 1;
  readonly #flushSoon = (): void => this.flush();
  /** The EAP tunnels' TLS key log, bounded, cleared with the trace; exported only on request. */
  readonly tlsKeys = new TlsKeyLog();

  constructor(private readonly opts: TraceStoreOptions) {
    this.#cols = new TraceColumns(opts.ringSize);
    if (opts.index) this.#nextId = this.#flushedTo = opts.index.start(opts.runId);
    this.#flushInterval = opts.flushIntervalMs ?? 100;
  }

  /** Records the ring holds (trace.ringSize when the trace was opened). */
  get ringSize(): number {
    return this.#cols.size;
  }

  append(input: TraceInput): number {
    try {
      const id = this.#nextId++;
      const timeUs = nowUs();
      const request = input.replyTo !== undefined ? this.#cols.slotOf(input.replyTo) : -1;
      this.#cols.put(id, timeUs, input, request);
      // Under load, flush in slices soon after they fill rather than one long transaction per
      // interval: a 100 ms batch at 40k records/s blocked the event loop ~15 ms (the p99).
      if (id - this.#flushedTo === FLUSH_ROWS - 1) setImmediate(this.#flushSoon);
      else if (this.#timer === undefined && !this.#closed)
        (this.#timer = setTimeout(this.#flushLater, this.#flushInterval)).unref();
      this.opts.onRecord?.(input, request >= 0 ? timeUs - this.#cols.time(request) : undefined);
      return id;
    } catch {
      return 0; // the trace must never take a server down
    }
  }

  tlsKeyLog(line: Buffer): void {
    this.tlsKeys.add(line);
  }

  /** The whole record (bytes, dissection, decision) while the ring still holds it. */
  get(id: number): TraceRecord | undefined {
    return this.#get(id, true);
  }

  /**
   * `keepTree`: the resolved field tree replaces the lazy one in the ring (a record the user opens).
   * Exports walk the whole ring and must not: 100,000 resolved trees of attribute-heavy packets
   * were hundreds of megabytes the ring's bound does not count.
   */
  #get(id: number, keepTree: boolean): TraceRecord | undefined {
    const slot = this.#cols.slotOf(id);
    if (slot < 0) return undefined;
    const bytes = this.#cols.bytes(slot);
    let tree = this.#cols.dissection(slot);
    if (!Array.isArray(tree)) {
      const request = this.#cols.slotOf(this.#cols.replyTo(slot));
      tree = resolveDissection(tree, bytes, request >= 0 ? this.#cols.bytes(request) : undefined);
      if (keepTree) this.#cols.setDissection(slot, tree);
    }
    const rec: TraceRecord = { ...this.#cols.row(slot), bytes, dissection: tree };
    const decision = this.#cols.decision(slot);
    if (decision) rec.decision = { allow: decision.allow, reasons: [...decision.reasons] };
    return rec;
  }

  /** A record's list fields and bytes without resolving its field tree (cheap scans). */
  peek(id: number): { row: TraceRow; bytes: Uint8Array } | undefined {
    const slot = this.#cols.slotOf(id);
    return slot < 0 ? undefined : { row: this.#cols.row(slot), bytes: this.#cols.bytes(slot) };
  }

  /**
   * The same packet recorded by the other side of this lab (the server's record of what the Test
   * client sent, or the reverse): same bytes, the other role, within `span` records.
   */
  twinOf(id: number, span = 64): number | undefined {
    const slot = this.#cols.slotOf(id);
    if (slot < 0) return undefined;
    const role = this.#cols.role(slot);
    const bytes = this.#cols.bytes(slot);
    for (let d = 1; d <= span; d++)
      for (const other of [id + d, id - d]) {
        const s = this.#cols.slotOf(other);
        if (s >= 0 && this.#cols.role(s) !== role && bytes.equals(this.#cols.bytes(s))) return other;
      }
    return undefined;
  }

  /** Newest first, filtered, paged by id. Only what the ring still holds has bytes to show. */
  list(filter: TraceFilter & { before?: number; limit?: number }): { rows: TraceRow[]; total: number } {
    const limit = filter.limit ?? 500;
    const match = this.#matcher(filter);
    const rows: TraceRow[] = [];
    let total = 0;
    const start = Math.min(filter.before ?? this.#nextId, this.#nextId) - 1;
    for (let id = start; id >= this.#oldest(); id--) {
      const slot = this.#cols.slotOf(id);
      if (slot < 0 || !match(slot)) continue;
      total++;
      if (rows.length < limit) rows.push(this.#cols.row(slot));
    }
    return { rows, total };
  }

  /** Records still in the ring, oldest first (exports). */
  *records(filter: TraceFilter = {}, ids?: ReadonlySet<number>): Generator<TraceRecord> {
    const match = this.#matcher(filter);
    for (let id = this.#oldest(); id < this.#nextId; id++) {
      const slot = this.#cols.slotOf(id);
      if (slot >= 0 && (!ids || ids.has(id)) && match(slot)) yield this.#get(id, false)!;
    }
  }

  clear(): number {
    let n = 0;
    for (let id = this.#oldest(); id < this.#nextId; id++) if (this.#cols.slotOf(id) >= 0) n++;
    this.#cols.clear();
    this.tlsKeys.clear();
    this.#flushedTo = this.#nextId;
    return n;
  }

  flush(): void {
    const from = Math.max(this.#flushedTo, this.#oldest());
    const to = this.#nextId;
    this.#flushedTo = to;
    const slots: number[] = [];
    for (let id = from; id < to; id++) {
      const slot = this.#cols.slotOf(id);
      if (slot >= 0) slots.push(slot);
    }
    if (slots.length === 0) return;
    this.#index(slots);
    this.opts.onBatch?.(new Batch(this.#cols, slots));
  }

  /** Flushes what is pending and lets the index finish writing it. */
  close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.flush();
    return this.opts.index?.close() ?? Promise.resolve();
  }

  #matcher(filter: TraceFilter): (slot: number) => boolean {
    return compileTraceFilter(filter, this.#cols, (slot) =>
      fieldIndex(this.get(this.#cols.id(slot))!.dissection),
    );
  }

  #oldest(): number {
    return Math.max(1, this.#nextId - this.#cols.size);
  }

  #index(slots: number[]): void {
    const { index } = this.opts;
    if (!index) return;
    try {
      index.write(this.#cols.indexBatch(slots));
    } catch {
      // The index is a convenience; the ring still holds the records.
    }
  }
}

class Batch implements TraceBatch {
  constructor(
    private readonly cols: TraceColumns,
    private readonly slots: readonly number[],
  ) {}

  get size(): number {
    return this.slots.length;
  }

  counts() {
    // Indexed by protocol code × 2 + direction: no key string per record (this runs for every one).
    const n = new Array<number>(PROTOCOL_COUNT * 2).fill(0);
    for (const slot of this.slots)
      n[this.cols.protocolCode(slot) * 2 + (this.cols.direction(slot) === 'out' ? 1 : 0)]!++;
    const out: Array<{ protocol: TraceProtocol; direction: 'in' | 'out'; n: number }> = [];
    n.forEach((count, i) => {
      if (count) out.push({ protocol: protocolOf(i >> 1), direction: i & 1 ? 'out' : 'in', n: count });
    });
    return out;
  }

  rows(): TraceRow[] {
    return this.slots.map((slot) => this.cols.row(slot));
  }
}

/** Pending rows that trigger a flush on the next turn instead of waiting for the interval. */
const FLUSH_ROWS = 512;

export function toRow(r: TraceRecord): TraceRow {
  const { bytes: _b, dissection: _d, decision: _x, ...row } = r;
  return row;
}
