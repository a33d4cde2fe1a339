import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePeer } from '../peers/require-peer';
import { startTestEngine, type TestEngine } from '../support/engine';

const radclient = requirePeer('radclient', 'freeradius-utils');

function acct(port: number, session: string): Promise<string> {
  const args = ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, 'acct', 'testing123'];
  const input = `User-Name=alice,Acct-Status-Type=Start,Acct-Session-Id=${session},NAS-IP-Address=127.0.0.1`;
  return new Promise((resolve) => {
    const p = execFile(radclient!, args, { timeout: 10_000 }, (_e, out, err) => resolve(out + err));
    p.stdin?.end(input);
  });
}

describe.skipIf(!radclient)('accounting.recorded: screens learn of new accounting records', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ ports: 'ephemeral' });
  });
  afterAll(() => t.engine.close());

  it('is pushed once for a burst of records, after they are committed', async () => {
    const seen: number[] = [];
    const off = t.engine.events.on('accounting.recorded', () => seen.push(Date.now()));
    try {
      const replies = await Promise.all(['E1', 'E2', 'E3'].map((s) => acct(t.port('radius-acct'), s)));
      for (const r of replies) expect(r).toContain('Accounting-Response');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(seen).toHaveLength(1);
      // The records the event announces are there to be read.
      expect(t.engine.accounting.count({ user: 'alice' })).toBeGreaterThanOrEqual(3);
    } finally {
      off();
    }
  });
});
