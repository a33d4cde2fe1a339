import { describe, expect, it } from 'vitest';
import { accountingExport, accountingPages, tacplusLine } from '../export/accounting-export';
import { AccountingRepo } from './accounting-repo';
import { openDatabase } from './database';
import { AccountingRetention } from './retention';
import { SessionsRepo } from './sessions-repo';
import type { AccountingInput } from './types';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 15, 12);

function setup() {
  const db = openDatabase('', { file: ':memory:' });
  return { db, repo: new AccountingRepo(db), sessions: new SessionsRepo(db) };
}

const rec = (time: number, sessionId: string, status: AccountingInput['status']): AccountingInput => ({
  protocol: 'radius',
  time,
  nasAddress: '127.0.0.1',
  username: 'bob',
  sessionId,
  status,
  attributes: { 'Acct-Input-Octets': '10', 'Acct-Input-Gigawords': '1', 'Acct-Output-Octets': '20' },
});

describe('accounting retention', () => {
  it('deletes records older than retentionDays and the sessions that stopped before then', () => {
    const { db, repo, sessions } = setup();
    repo.insert(rec(NOW - 10 * DAY, 'old', 'start'));
    repo.insert(rec(NOW - 9 * DAY, 'old', 'stop'));
    repo.insert(rec(NOW - 10 * DAY, 'long', 'start')); // still open: kept in sessions
    repo.insert(rec(NOW - DAY, 'new', 'start'));
    let days = 0;
    const r = new AccountingRetention(() => days, repo, sessions, undefined, 60_000);
    expect(r.sweep(NOW)).toBe(0); // 0 = keep forever
    days = 7;
    expect(r.sweep(NOW)).toBe(3);
    expect(repo.count()).toBe(1);
    expect(
      sessions
        .list({ state: 'all' }, NOW)
        .map((s) => s.sessionId)
        .sort(),
    ).toEqual(['long', 'new']);
    r.stop();
    db.close();
  });

  it('reports session octets with Gigawords (RFC 2869 §5.1) and durations', () => {
    const { db, repo, sessions } = setup();
    repo.insert(rec(NOW - 60_000, 's', 'start'));
    repo.insert(rec(NOW, 's', 'stop'));
    const [s] = sessions.list({ state: 'all' }, NOW);
    expect(s).toMatchObject({
      sessionId: 's',
      records: 2,
      durationMs: 60_000,
      inputOctets: 2 ** 32 + 10,
      outputOctets: 20,
      stoppedAt: NOW,
    });
    db.close();
  });
});

describe('accounting export pages', () => {
  it('pages by id oldest first without an open iterator, and ignores records added meanwhile', () => {
    const { db, repo } = setup();
    for (let i = 0; i < 2500; i++) repo.insert(rec(NOW + i, `s${i}`, 'start'));
    const seen: number[] = [];
    for (const r of accountingPages(repo, {}, 1000)) {
      seen.push(r.id);
      // Inserting while the export runs works (the connection is not busy) and is not exported.
      if (seen.length === 10) repo.insert(rec(NOW, 'late', 'start'));
    }
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(repo.count()).toBe(2501);
    db.close();
  });

  it('writes tac_plus acctfile lines', () => {
    const line = tacplusLine({
      ...rec(Date.UTC(2025, 0, 5, 9, 3, 7), 'x', 'watchdog'),
      id: 1,
      protocol: 'tacacs',
      nasPort: 'tty1',
      remoteAddress: '10.1.1.1',
      attributes: { task_id: '5', 'cmd-arg': ['a', 'b\tc'] },
    });
    expect(line).toBe(
      'Jan  5 09:03:07\t127.0.0.1\tbob\ttty1\t10.1.1.1\tupdate\ttask_id=5\tcmd-arg=a\tcmd-arg=b c\n',
    );
    const body = accountingExport([], 'json');
    expect(JSON.parse([...body.chunks].join(''))).toEqual([]);
  });
});
