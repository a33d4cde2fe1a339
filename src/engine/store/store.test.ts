import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountingRepo } from './accounting-repo';
import { AuditRepo } from './audit-repo';
import { migrate, openDatabase } from './database';
import { migrations } from './migrations';

const tmp = () => mkdtempSync(join(tmpdir(), 'aaa-lab-store-'));

describe('store', () => {
  it('opens in WAL mode and migrates once', () => {
    const dir = tmp();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const latest = migrations.at(-1)!.version;
    expect(migrate(db)).toBe(latest);
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(
      migrations.length,
    );
    db.close();
    const again = openDatabase(dir);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(
      migrations.length,
    );
    again.close();
  });

  it('refuses a data dir from a newer schema', () => {
    const dir = tmp();
    const db = openDatabase(dir);
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?)').run('future', Date.now());
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer AAA Lab \(schema 99 > \d+\)/);
  });

  it('stores accounting records durably and tracks sessions start → stop', () => {
    const dir = tmp();
    const db = openDatabase(dir);
    const repo = new AccountingRepo(db);
    const base = {
      protocol: 'radius' as const,
      nasAddress: '127.0.0.1',
      device: 'sw1',
      username: 'alice',
      sessionId: 'S1',
      attributes: { 'Acct-Session-Id': 'S1' },
    };
    repo.insert({ ...base, time: 1000, status: 'start' });
    repo.insert({ ...base, time: 2000, status: 'interim', attributes: { 'Acct-Input-Octets': '10' } });
    repo.insert({ ...base, time: 3000, status: 'stop' });
    repo.insert({
      ...base,
      username: 'bob',
      sessionId: 'T1',
      time: 4000,
      status: 'start',
      command: 'show version',
    });
    db.close();

    const reopened = openDatabase(dir);
    const r2 = new AccountingRepo(reopened);
    expect(r2.count()).toBe(4);
    expect(r2.query({ user: 'alice' }).map((r) => r.status)).toEqual(['stop', 'interim', 'start']);
    expect(r2.query({ command: 'version' })[0]?.username).toBe('bob');
    expect(r2.query({ from: 2500 }).length).toBe(2);
    const page1 = r2.query({ limit: 2 });
    const page2 = r2.query({ limit: 2, before: page1.at(-1)!.id });
    expect([...page1, ...page2].map((r) => r.time)).toEqual([4000, 3000, 2000, 1000]);
    expect([...r2.iterate({ user: 'alice' })].map((r) => r.time)).toEqual([1000, 2000, 3000]);
    const sessions = reopened
      .prepare('SELECT session_id, stopped_at, records FROM acct_sessions ORDER BY session_id')
      .all();
    expect(sessions).toEqual([
      { session_id: 'S1', stopped_at: 3000, records: 3 },
      { session_id: 'T1', stopped_at: null, records: 1 },
    ]);
    reopened.close();
  });

  it('group-commits records that arrive in the same turn, and fails only the record that cannot be stored', async () => {
    const db = openDatabase(tmp());
    const repo = new AccountingRepo(db);
    const rec = (i: number) => ({
      protocol: 'radius' as const,
      time: i,
      nasAddress: '127.0.0.1',
      status: 'other' as const,
      attributes: {},
    });
    const ids = await Promise.all([1, 2, 3].map((i) => repo.commit(rec(i))));
    expect(ids).toEqual([1, 2, 3]);
    // A record that violates the schema (NOT NULL status) rolls back its batch; the others retry alone.
    const results = await Promise.allSettled([
      repo.commit(rec(4)),
      repo.commit({ ...rec(5), status: null as never }),
      repo.commit(rec(6)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(repo.count()).toBe(5);
    db.close();
  });

  it('keeps an audit trail', () => {
    const db = openDatabase(tmp());
    const audit = new AuditRepo(db);
    audit.append('config.applied', { path: '/x/lab.yaml' }, 'admin@example.com');
    expect(audit.list()).toMatchObject([
      { event: 'config.applied', actor: 'admin@example.com', details: { path: '/x/lab.yaml' } },
    ]);
    db.close();
  });
});
