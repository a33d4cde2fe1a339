// Accounting store: acknowledged inserts/s (each insert is its own committed WAL transaction, as the
// servers do before answering; target ≥ 20,000/s), and the same with an open session upsert.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountingRepo } from '../src/engine/store/accounting-repo';
import { openDatabase } from '../src/engine/store/database';
import { median, report } from './lib/stats';

function run(n: number, withSession: boolean): number {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'aaa-lab-bench-acct-')));
  const repo = new AccountingRepo(db);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    repo.insert({
      protocol: 'tacacs',
      time: Date.now(),
      device: 'lab-loopback',
      nasAddress: '127.0.0.1',
      username: 'alice',
      sessionId: withSession ? `task-${i >> 1}` : undefined,
      status: i % 2 ? 'stop' : 'start',
      command: 'show running-config',
      nasPort: 'tty1',
      remoteAddress: '10.0.0.9',
      attributes: { task_id: String(i), service: 'shell', 'priv-lvl': '15' },
    });
  }
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

report('accounting insert (no session)', {
  'records/s': median([0, 1, 2].map(() => run(50_000, false))),
  target: '20,000',
});
report('accounting insert + session', {
  'records/s': median([0, 1, 2].map(() => run(50_000, true))),
  target: '20,000',
});
