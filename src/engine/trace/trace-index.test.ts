import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import type { IndexBatch } from './index-batch';
import { SqliteTraceIndex, WorkerTraceIndex } from './trace-index';
import { TraceStore } from './trace-store';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-trace-index-'));
  dirs.push(dir);
  return join(dir, 'trace-index.sqlite');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const packet = (i: number) => ({
  protocol: 'tacacs' as const,
  direction: 'in' as const,
  transport: 'tcp' as const,
  role: 'server' as const,
  local: { address: '127.0.0.1', port: 49 },
  remote: { address: '127.0.0.2', port: 50000 + i },
  user: 'bob',
  summary: `Authen START PAP bob #${i}`,
  bytes: new Uint8Array([0xc1, 1, 1, 0]),
});

describe('trace index in a worker thread', () => {
  it('writes every row flushed before close, and the next run continues the ids', async () => {
    const file = tempFile();
    const first = new TraceStore({ ringSize: 1000, runId: 'one', index: new WorkerTraceIndex(file) });
    for (let i = 0; i < 700; i++) first.append(packet(i));
    await first.close();
    const second = new TraceStore({ ringSize: 1000, runId: 'two', index: new WorkerTraceIndex(file) });
    const id = second.append(packet(700));
    await second.close();
    expect(id).toBe(701);
    const db = new Database(file, { readonly: true });
    const runs = db
      .prepare('SELECT run_id, COUNT(*) AS n, MAX(id) AS last FROM trace_rows GROUP BY run_id')
      .all();
    expect(runs).toEqual([
      { run_id: 'one', n: 700, last: 700 },
      { run_id: 'two', n: 1, last: 701 },
    ]);
    expect(db.prepare('SELECT username, remote, summary FROM trace_index WHERE id = 130').get()).toEqual({
      username: 'bob',
      remote: '127.0.0.2:50129',
      summary: 'Authen START PAP bob #129',
    });
    db.close();
  });

  it('reports a failed write once and stops writing, without throwing into the caller', async () => {
    const errors: string[] = [];
    let failed!: () => void;
    const reported = new Promise<void>((r) => (failed = r));
    const index = new WorkerTraceIndex(tempFile(), { onError: (m) => (errors.push(m), failed()) });
    expect(index.start('r')).toBe(1);
    const row = (): IndexBatch => ({
      rows: 1,
      nums: Float64Array.of(1, 0, 4, 1, 0, 0),
      refs: Int32Array.of(-1, -1, -1, 0, 1),
      strs: ['127.0.0.1', 's'],
    });
    index.write(row());
    index.write(row()); // same primary key: the worker's INSERT fails
    await reported;
    index.write(row());
    await index.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/trace index: UNIQUE constraint failed/);
  });

  it('the worker writes the same rows as the in-process index (both expand batches the same way)', async () => {
    const inputs = [
      packet(1),
      {
        ...packet(2),
        protocol: 'radius' as const,
        sessionId: 'id=7',
        device: 'lab-switch',
        result: 'pass' as const,
      },
      { ...packet(3), sessionId: 0xdeadbeef, direction: 'out' as const, user: undefined },
      { ...packet(4), remote: { address: '::1', port: 1812 }, summary: 'Authen START PAP bob #1' },
      { ...packet(5), protocol: 'radius-acct' as const, direction: 'out' as const, result: 'drop' as const },
      { ...packet(6), protocol: 'radsec' as const, result: 'info' as const },
    ];
    const file = tempFile();
    const worker = new TraceStore({ ringSize: 100, runId: 'w', index: new WorkerTraceIndex(file) });
    for (const p of inputs) worker.append(p);
    await worker.close();
    const mem = openDatabase('', { file: ':memory:' });
    const local = new TraceStore({ ringSize: 100, runId: 'w', index: new SqliteTraceIndex(mem) });
    for (const p of inputs) local.append(p);
    await local.close();
    const db = new Database(file, { readonly: true });
    const sql =
      'SELECT id, protocol, direction, device, username, session_id, result, remote, summary, length FROM trace_rows ORDER BY id';
    const rows = db.prepare(sql).all();
    db.close();
    expect(rows).toEqual(mem.prepare(sql).all());
    expect(rows).toHaveLength(6);
    expect(rows[1]).toMatchObject({ protocol: 'radius', direction: 'in', result: 'pass' });
    expect(rows[4]).toMatchObject({ protocol: 'radius-acct', direction: 'out', result: 'drop' });
    expect(rows[5]).toMatchObject({ protocol: 'radsec', result: 'info' });
    expect(rows[0]).toMatchObject({ protocol: 'tacacs', result: null });
    expect(rows[2]).toMatchObject({ session_id: '0xdeadbeef', direction: 'out', username: null });
    expect(rows[3]).toMatchObject({ remote: '::1:1812' });
    mem.close();
  });

  it('drops an index written in an older layout and starts over', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec('CREATE TABLE trace_index (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, summary TEXT)');
    old.prepare("INSERT INTO trace_index VALUES (41, 'before', 'x')").run();
    old.close();
    const store = new TraceStore({ ringSize: 10, runId: 'after', index: new WorkerTraceIndex(file) });
    expect(store.append(packet(1))).toBe(1);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT run_id, id FROM trace_rows').all()).toEqual([{ run_id: 'after', id: 1 }]);
    db.close();
  });

  it('keeps at most trace.indexRows rows (plus one prune slice), the newest, across runs', async () => {
    const file = tempFile();
    const run = async (runId: string, n: number, maxRows: number) => {
      const store = new TraceStore({ ringSize: 1000, runId, index: new WorkerTraceIndex(file, { maxRows }) });
      for (let i = 0; i < n; i++) {
        store.append(packet(i));
        if (i % 500 === 499) store.flush();
      }
      await store.close();
    };
    await run('one', 3000, 0); // no cap: every row stays
    await run('two', 4000, 1000);
    const db = new Database(file, { readonly: true });
    const count = () =>
      db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first, MAX(id) AS last FROM trace_index').get();
    const after = count() as { n: number; first: number; last: number };
    expect(after.last).toBe(7000);
    // Pruned down to 1000 whenever 1000 more (the slack) had accumulated.
    expect(after.n).toBeGreaterThanOrEqual(1000);
    expect(after.n).toBeLessThan(2000);
    expect(after.first).toBe(7000 - after.n + 1);
    // Run "one" lost all its rows, and its run entry with them; "two" keeps its name.
    expect(db.prepare('SELECT run_id FROM trace_runs').all()).toEqual([{ run_id: 'two' }]);
    expect(db.prepare('SELECT DISTINCT run_id FROM trace_rows').all()).toEqual([{ run_id: 'two' }]);
    db.close();
    // A smaller cap applies to what an earlier run left as soon as the next one starts.
    await run('three', 1, 100);
    const again = new Database(file, { readonly: true });
    expect(again.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM trace_index').get()).toEqual({
      n: 101,
      last: 7001,
    });
    again.close();
  });

  it('the in-process index applies the same cap', () => {
    const mem = openDatabase('', { file: ':memory:' });
    const store = new TraceStore({
      ringSize: 1000,
      runId: 'm',
      index: new SqliteTraceIndex(mem, { maxRows: 1000 }),
    });
    for (let i = 0; i < 5000; i++) {
      store.append(packet(i));
      if (i % 500 === 499) store.flush();
    }
    store.flush();
    const { n, last } = mem.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM trace_index').get() as {
      n: number;
      last: number;
    };
    expect(last).toBe(5000);
    expect(n).toBeGreaterThanOrEqual(1000);
    expect(n).toBeLessThan(2000);
    mem.close();
  });

  it('close() returns when its worker has already stopped', async () => {
    const file = tempFile();
    const errors: string[] = [];
    const index = new WorkerTraceIndex(file, { onError: (m) => errors.push(m) });
    index.start('r');
    // The worker opens the file when it starts, after this: without its directory it fails and exits.
    rmSync(dirname(file), { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 500)); // let it exit first (the case under test)
    expect(errors).toHaveLength(1);
    // Waiting for an 'exit' that already happened would never resolve: the test would time out.
    await expect(index.close()).resolves.toBeUndefined();
  });
});
