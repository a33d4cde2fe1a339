import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../store/database';
import { LARGE_BUDGET, MAX_TEXT } from './columns';
import { SqliteTraceIndex } from './trace-index';
import { TraceStore } from './trace-store';
import type { TraceInput } from './types';

const packet = (over: Partial<TraceInput> = {}): TraceInput => ({
  protocol: 'radius',
  direction: 'in',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1812 },
  remote: { address: '127.0.0.1', port: 40000 },
  summary: 'Access-Request id=1',
  bytes: new Uint8Array([1, 1, 0, 20]),
  ...over,
});

describe('trace store', () => {
  it('keeps the newest records within the ring and pages newest first', () => {
    const store = new TraceStore({ ringSize: 100, runId: 'r' });
    for (let i = 0; i < 250; i++) store.append(packet({ summary: `p${i}` }));
    const { rows, total } = store.list({ limit: 10 });
    expect(total).toBe(100);
    expect(rows.map((r) => r.summary).slice(0, 2)).toEqual(['p249', 'p248']);
    expect(store.get(1)).toBeUndefined();
    expect(store.get(250)?.summary).toBe('p249');
    const older = store.list({ limit: 5, before: rows.at(-1)!.id });
    expect(older.rows[0]?.summary).toBe('p239');
    store.close();
  });

  it('links replies to requests with latency and inherits the user', () => {
    const store = new TraceStore({ ringSize: 10, runId: 'r' });
    const req = store.append(packet({ user: 'alice' }));
    const rep = store.append(
      packet({ direction: 'out', replyTo: req, summary: 'Access-Accept id=1', result: 'pass' }),
    );
    const row = store.get(rep)!;
    expect(row.user).toBe('alice');
    expect(row.latencyUs).toBeGreaterThanOrEqual(0);
    store.close();
  });

  it('links an inner (tunnelled) record to its outer packet; a reused slot forgets the link', () => {
    const store = new TraceStore({ ringSize: 3, runId: 'r' });
    const outer = store.append(packet());
    const inner = store.append(packet({ summary: 'EAP-MSCHAPv2 Response', parent: outer }));
    expect(store.get(inner)).toMatchObject({ parent: outer });
    expect(store.get(outer)?.parent).toBeUndefined();
    for (let i = 0; i < 3; i++) store.append(packet());
    expect(store.list({ limit: 3 }).rows.every((r) => r.parent === undefined)).toBe(true);
    store.close();
  });

  it('filters by protocol, result and text', () => {
    const store = new TraceStore({ ringSize: 50, runId: 'r' });
    store.append(packet());
    store.append(packet({ protocol: 'tacacs', summary: 'Authen START PAP bob', result: 'fail' }));
    store.append(packet({ protocol: 'tacacs', summary: 'Authen START PAP alice', result: 'pass' }));
    expect(store.list({ protocol: ['tacacs'] }).total).toBe(2);
    expect(store.list({ result: ['fail'] }).rows[0]?.summary).toContain('bob');
    expect(store.list({ text: 'ALICE' }).total).toBe(1);
    store.close();
  });

  it('shows a numeric (TACACS+) session id as 0x + 8 hex digits, in rows, filters and the index', () => {
    const db = openDatabase('', { file: ':memory:' });
    const store = new TraceStore({ ringSize: 10, runId: 'r', index: new SqliteTraceIndex(db) });
    const id = store.append(packet({ protocol: 'tacacs', sessionId: 0xc0ffee01 }));
    store.append(packet({ sessionId: 'id=7' }));
    expect(store.get(id)?.sessionId).toBe('0xc0ffee01');
    expect(store.list({ sessionId: '0xc0ffee01' }).rows.map((r) => r.id)).toEqual([id]);
    expect(store.list({ sessionId: 'id=7' }).total).toBe(1);
    store.flush();
    const rows = db.prepare('SELECT session_id FROM trace_rows ORDER BY id').pluck().all();
    expect(rows).toEqual(['0xc0ffee01', 'id=7']);
    store.close();
    db.close();
  });

  it('batches rows to subscribers and indexes them in SQLite', () => {
    const db = openDatabase('', { file: ':memory:' });
    const batches: number[] = [];
    const store = new TraceStore({
      ringSize: 10,
      runId: 'run1',
      index: new SqliteTraceIndex(db),
      onBatch: (b) => batches.push(b.size),
      flushIntervalMs: 60_000,
    });
    store.append(packet());
    store.append(packet());
    store.flush();
    expect(batches).toEqual([2]);
    expect(
      (db.prepare('SELECT COUNT(*) AS n FROM trace_rows WHERE run_id = ?').get('run1') as { n: number }).n,
    ).toBe(2);
    store.close();
    db.close();
  });

  it('flushes on its own one interval after a record arrives, and sets no timer while idle', () => {
    vi.useFakeTimers();
    try {
      const batches: number[] = [];
      const store = new TraceStore({
        ringSize: 10,
        runId: 'timed',
        onBatch: (b) => batches.push(b.size),
        flushIntervalMs: 100,
      });
      expect(vi.getTimerCount()).toBe(0);
      store.append(packet());
      vi.advanceTimersByTime(50);
      store.append(packet());
      expect(batches).toEqual([]);
      vi.advanceTimersByTime(50);
      expect(batches).toEqual([2]);
      expect(vi.getTimerCount()).toBe(0);
      store.append(packet());
      vi.advanceTimersByTime(100);
      expect(batches).toEqual([2, 1]);
      store.append(packet());
      void store.close();
      expect(batches).toEqual([2, 1, 1]);
      store.append(packet());
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('indexes a large batch (multi-row inserts plus a remainder) with every column in place', () => {
    const db = openDatabase('', { file: ':memory:' });
    const store = new TraceStore({
      ringSize: 1000,
      runId: 'big',
      index: new SqliteTraceIndex(db),
      flushIntervalMs: 60_000,
    });
    for (let i = 0; i < 150; i++)
      store.append(packet({ summary: `p${i}`, user: i % 2 ? 'alice' : undefined, sessionId: `id=${i}` }));
    store.flush();
    const rows = db
      .prepare(
        'SELECT id, summary, username, session_id, remote, length FROM trace_rows WHERE run_id = ? ORDER BY id',
      )
      .all('big') as Array<{
      id: number;
      summary: string;
      username: string | null;
      session_id: string;
      remote: string;
      length: number;
    }>;
    expect(rows.map((r) => r.summary)).toEqual(Array.from({ length: 150 }, (_, i) => `p${i}`));
    expect(rows[129]).toEqual({
      id: 130,
      summary: 'p129',
      username: 'alice',
      session_id: 'id=129',
      remote: '127.0.0.1:40000',
      length: 4,
    });
    expect(rows[64]?.username).toBeNull();
    store.close();
    db.close();
  });

  it('flushes a full slice on the next turn instead of waiting for the interval', async () => {
    const db = openDatabase('', { file: ':memory:' });
    const batches: number[] = [];
    const store = new TraceStore({
      ringSize: 2000,
      runId: 'slice',
      index: new SqliteTraceIndex(db),
      flushIntervalMs: 60_000,
      onBatch: (b) => batches.push(b.size),
    });
    for (let i = 0; i < 600; i++) store.append(packet());
    expect(batches).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([600]);
    const count = db.prepare('SELECT COUNT(*) AS n FROM trace_rows WHERE run_id = ?').get('slice') as {
      n: number;
    };
    expect(count.n).toBe(600);
    store.close();
    db.close();
  });

  it('runs a lazy dissection once, on the first read of the record, never on ingest or listing', () => {
    const db = openDatabase('', { file: ':memory:' });
    const store = new TraceStore({
      ringSize: 10,
      runId: 'r',
      index: new SqliteTraceIndex(db),
      flushIntervalMs: 60_000,
    });
    let runs = 0;
    const tree = [{ label: 'Code', value: 'Access-Request', offset: 0, length: 1 }];
    const id = store.append(packet({ dissection: () => (runs++, tree) }));
    store.append(packet({ dissection: () => (runs++, tree) }));
    store.list({});
    store.flush();
    expect(runs).toBe(0);
    expect(store.get(id)?.dissection).toEqual(tree);
    expect(store.get(id)?.dissection).toEqual(tree);
    expect(runs).toBe(1);
    expect([...store.records()].map((r) => r.dissection)).toEqual([tree, tree]);
    expect(runs).toBe(2);
    store.close();
    db.close();
  });

  it('shows a dissection that throws as an error node instead of failing the read', () => {
    const store = new TraceStore({ ringSize: 10, runId: 'r' });
    const id = store.append(
      packet({
        dissection: () => {
          throw new Error('no key for device lab-a');
        },
      }),
    );
    const [node] = store.get(id)!.dissection;
    expect(node).toMatchObject({ severity: 'error', value: 'no key for device lab-a', offset: 0, length: 4 });
    store.close();
  });

  it("drops an evicted record's thunk with it", () => {
    const store = new TraceStore({ ringSize: 2, runId: 'r' });
    let runs = 0;
    store.append(packet({ dissection: () => (runs++, []) }));
    const kept = store.append(packet());
    const newest = store.append(packet({ dissection: [{ label: 'x', offset: 0, length: 1 }] }));
    expect(store.get(1)).toBeUndefined();
    expect(store.get(kept)?.dissection).toEqual([]);
    expect(store.get(newest)?.dissection[0]?.label).toBe('x');
    expect(runs).toBe(0);
    store.close();
  });

  it('evicts records whose bytes the slab has reused, and keeps oversized packets whole', () => {
    // 2,000 slots × 256 B is below the 1 MiB minimum slab: 1,100 packets of 1 KiB wrap it.
    const store = new TraceStore({ ringSize: 2000, runId: 'r' });
    const kib = (n: number) => new Uint8Array(1024).fill(n & 0xff);
    for (let i = 0; i < 1100; i++) store.append(packet({ bytes: kib(i), summary: `p${i}` }));
    const live = store.list({ limit: 5000 }).rows.map((r) => r.id);
    expect(live.length).toBeGreaterThan(1000);
    expect(live.length).toBeLessThan(1100);
    expect(store.get(1)).toBeUndefined();
    for (const id of live) expect(store.get(id)!.bytes[0]).toBe((id - 1) & 0xff);
    const big = new Uint8Array(200_000).fill(7);
    const id = store.append(packet({ bytes: big }));
    for (let i = 0; i < 50; i++) store.append(packet({ bytes: kib(i) }));
    expect(store.get(id)!.bytes).toEqual(Buffer.from(big));
    store.close();
  });

  it("hands a reply's dissector the bytes of the request it answers", () => {
    const store = new TraceStore({ ringSize: 10, runId: 'r' });
    const req = store.append(packet({ bytes: new Uint8Array([1, 9, 0, 20]) }));
    const seen: Array<number | undefined> = [];
    const rep = store.append(
      packet({
        direction: 'out',
        replyTo: req,
        bytes: new Uint8Array([2, 9, 0, 20]),
        dissection: (b, request) => (seen.push(b[0], request?.[0]), []),
      }),
    );
    store.get(rep);
    expect(seen).toEqual([2, 1]);
    store.close();
  });

  it('caps the strings a record keeps, whatever the packet carried', () => {
    const store = new TraceStore({ ringSize: 10, runId: 'r' });
    const hostile = '\ufffd'.repeat(253);
    const id = store.append(
      packet({
        user: hostile,
        summary: `Access-Request id=1 ${hostile}`,
        diagnosis: hostile.repeat(3),
        sessionId: hostile,
      }),
    );
    const row = store.get(id)!;
    expect(row.user!.length).toBe(MAX_TEXT.user);
    expect(row.user!.endsWith('…')).toBe(true);
    expect(row.summary.length).toBe(MAX_TEXT.summary);
    expect(row.diagnosis!.length).toBe(MAX_TEXT.diagnosis);
    expect(row.sessionId!.length).toBe(MAX_TEXT.session);
    const short = store.append(packet({ user: 'alice', summary: 'Access-Request id=2 alice' }));
    expect(store.get(short)).toMatchObject({ user: 'alice', summary: 'Access-Request id=2 alice' });
    store.close();
  });

  it('holds oversized packets within LARGE_BUDGET, releasing the oldest records first', () => {
    const store = new TraceStore({ ringSize: 1000, runId: 'r' });
    // One shared 1 MiB array: the ring keeps large packets by reference, so the test costs 1 MiB.
    const mib = new Uint8Array(1 << 20).fill(3);
    const n = (LARGE_BUDGET >> 20) + 10;
    const ids = Array.from({ length: n }, () => store.append(packet({ bytes: mib })));
    expect(store.get(ids[0]!)).toBeUndefined();
    expect(store.get(ids[9]!)).toBeUndefined();
    expect(store.get(ids[10]!)!.bytes.length).toBe(1 << 20);
    expect(store.get(ids.at(-1)!)!.bytes.length).toBe(1 << 20);
    store.close();
  });
});
