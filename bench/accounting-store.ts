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

/** Group commit: `concurrent` records arrive per event-loop turn, as from many NAS at once. */
async function runGrouped(n: number, concurrent: number): Promise<number> {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'aaa-lab-bench-acct-')));
  const repo = new AccountingRepo(db);
  const t0 = performance.now();
  for (let i = 0; i < n; i += concurrent) {
    await Promise.all(
      Array.from({ length: concurrent }, (_, k) =>
        repo.commit({
          protocol: 'radius',
          time: Date.now(),
          device: 'lab-loopback',
          nasAddress: '127.0.0.1',
          username: 'alice',
          sessionId: `s-${(i + k) >> 1}`,
          status: (i + k) % 2 ? 'stop' : 'start',
          attributes: { 'Acct-Session-Id': `s-${(i + k) >> 1}` },
        }),
      ),
    );
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
for (const c of [1, 16, 64]) {
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) rates.push(await runGrouped(50_000, c));
  report(`accounting group commit, ${c} per turn`, { 'records/s': median(rates), target: '20,000' });
}
