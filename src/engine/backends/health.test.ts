import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendHealthMonitor } from './health';
import type { AuthBackend, BackendResult } from './types';

/** A backend whose probe counts calls and answers as told (the timer logic needs no real server). */
function counted(name: string, answer: () => BackendResult) {
  const b = {
    name,
    type: 'ldap' as const,
    probes: 0,
    authenticate: async () => answer(),
    lookup: async () => answer(),
    close: async () => {},
    probe: async () => (b.probes++, answer()),
  };
  return b;
}
const up = (): BackendResult => ({ status: 'allow', groups: [], reasons: ['dir: ok in 1 ms'], ms: 1 });
const down = (): BackendResult => ({
  status: 'error',
  groups: [],
  reasons: ['dir: unreachable: ECONNREFUSED'],
  ms: 0,
});

afterEach(() => vi.useRealTimers());

describe('BackendHealthMonitor', () => {
  it('checks at start, then every intervalS; 0 stops the repeats', async () => {
    vi.useFakeTimers();
    const b = counted('dir', up);
    let interval = 10;
    const m = new BackendHealthMonitor(
      () => [b],
      () => interval,
    );
    m.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(b.probes).toBe(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(b.probes).toBe(4);
    interval = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(b.probes).toBe(5);
    m.stop();
  });

  it('concurrent checks share one run; a failure sets lastError, a later success keeps it as history', async () => {
    let answer = down;
    const b = counted('dir', () => answer());
    const m = new BackendHealthMonitor(
      () => [b],
      () => 0,
    );
    await Promise.all([m.check(), m.check(), m.check()]);
    expect(b.probes).toBe(1);
    expect(m.list()[0]).toMatchObject({ reachable: false, lastError: 'dir: unreachable: ECONNREFUSED' });
    answer = up;
    const [row] = await m.check('dir');
    expect(row).toMatchObject({
      reachable: true,
      detail: 'dir: ok in 1 ms',
      lastError: 'dir: unreachable: ECONNREFUSED',
    });
  });

  it('observes logins of wrapped backends and forgets backends the lab dropped', async () => {
    const list: AuthBackend[] = [];
    const m = new BackendHealthMonitor(
      () => list,
      () => 0,
    );
    list.push(m.observe(counted('a', down)), m.observe(counted('b', up)));
    await list[0]!.authenticate('x', { kind: 'password', password: 'p' }, 'login');
    await list[1]!.lookup('x');
    expect(m.list().map((r) => [r.name, r.reachable, r.lastAuth?.kind])).toEqual([
      ['a', false, 'login'],
      ['b', true, 'lookup'],
    ]);
    list.splice(0, 1);
    expect(m.list().map((r) => r.name)).toEqual(['b']);
  });
});
