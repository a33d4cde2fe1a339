import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsTick } from '../../src/contract/stats';
import { requirePeer } from '../peers/require-peer';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';

const radclient = requirePeer('radclient', 'freeradius-utils');

function rc(port: number, kind: 'auth' | 'acct', input: string): Promise<string> {
  const args = ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, kind, 'testing123'];
  return new Promise((resolve) => {
    const p = execFile(radclient!, args, { timeout: 10_000 }, (_e, out, err) => resolve(out + err));
    p.stdin?.end(input);
  });
}

/** Polls stats.history until `ok` holds for the history (ticks close once a second). */
async function historyUntil(t: TestEngine, ok: (ticks: StatsTick[]) => boolean): Promise<StatsTick[]> {
  for (let i = 0; i < 60; i++) {
    const { ticks } = await callProcedure(t.engine, 'stats.history', {});
    if (ok(ticks)) return ticks;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('stats.history never showed the expected seconds');
}

const sum = (ticks: StatsTick[], f: (t: StatsTick) => number | undefined) =>
  ticks.reduce((n, t) => n + (f(t) ?? 0), 0);

describe.skipIf(!radclient)('stats.history: the engine keeps the dashboard history', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ ports: 'ephemeral' });
  });
  afterAll(() => t.engine.close());

  it('has radclient traffic sent before anyone asked, per protocol and result, then gaps once stopped', async () => {
    expect(await rc(t.port('radius-auth'), 'auth', 'User-Name=alice,User-Password=alice-pass')).toContain(
      'Access-Accept',
    );
    expect(await rc(t.port('radius-auth'), 'auth', 'User-Name=alice,User-Password=nope')).toContain(
      'Access-Reject',
    );
    const acct = 'User-Name=alice,Acct-Status-Type=Start,Acct-Session-Id=S1,NAS-IP-Address=127.0.0.1';
    expect(await rc(t.port('radius-acct'), 'acct', acct)).toContain('Accounting-Response');

    const ticks = await historyUntil(
      t,
      (h) => sum(h, (x) => x.radiusAuth?.requests) === 2 && sum(h, (x) => x.radiusAcct?.requests) === 1,
    );
    expect(sum(ticks, (x) => x.radiusAuth?.pass)).toBe(1);
    expect(sum(ticks, (x) => x.radiusAuth?.fail)).toBe(1);
    const busy = ticks.find((x) => (x.radiusAuth?.requests ?? 0) > 0)!;
    expect(busy.radiusAuth!.p99Ms).toBeGreaterThan(0);
    // TACACS+ is running but idle: real zeros, and no latency samples.
    expect(ticks.at(-1)!.tacacs).toEqual({ requests: 0, pass: 0, fail: 0, p50Ms: null, p99Ms: null });

    const last = ticks.at(-1)!.at;
    const { ticks: later } = await callProcedure(t.engine, 'stats.history', { after: last });
    expect(later.every((x) => x.at > last)).toBe(true);

    await t.engine.stop();
    const stopped = Date.now();
    const after = await historyUntil(t, (h) => h.some((x) => x.at >= stopped));
    const gap = after.find((x) => x.at >= stopped)!;
    expect([gap.tacacs, gap.radiusAuth, gap.radiusAcct, gap.coa]).toEqual([null, null, null, null]);
  });
});
