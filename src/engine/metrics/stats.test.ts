import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatsProtocol, StatsTick } from '../../contract/stats';
import type { TraceInput } from '../trace/types';
import { StatsAggregator } from './stats';
import { servedProtocols } from './stats-protocols';

const ep = { address: '127.0.0.1', port: 1 };
const reply = (protocol: TraceInput['protocol'], result: TraceInput['result'], code = 2): TraceInput => ({
  protocol,
  direction: 'out',
  transport: 'udp',
  local: ep,
  remote: ep,
  role: 'server',
  summary: 'reply',
  result,
  bytes: Uint8Array.of(code),
});

function aggregator(served: StatsProtocol[] = []) {
  const ticks: StatsTick[] = [];
  const set = new Set(served);
  const stats = new StatsAggregator({
    emit: (t) => ticks.push(t),
    activeConnections: async () => 3,
    served: () => set,
  });
  return { stats, ticks, set };
}

describe('dashboard statistics', () => {
  afterEach(() => vi.useRealTimers());

  it('counts replies by protocol and result, with latency quantiles per protocol', () => {
    const { stats } = aggregator(['tacacs', 'radiusAuth', 'radiusAcct', 'coa']);
    stats.observe(reply('tacacs', 'pass'), 1000);
    stats.observe(reply('tacacs', 'fail'), 3000);
    stats.observe(reply('radius', 'error'), 2000);
    stats.observe(reply('radius-acct', 'info'), 500);
    stats.observe(reply('coa', 'pass'));
    const t = stats.flush(1000);
    expect(t.tacacs).toMatchObject({ requests: 2, pass: 1, fail: 1 });
    expect(t.tacacs!.p50Ms).toBeGreaterThanOrEqual(3);
    expect(t.tacacs!.p50Ms).toBeLessThan(3.2);
    expect(t.radiusAuth).toMatchObject({ requests: 1, pass: 0, fail: 1 });
    expect(t.radiusAcct).toMatchObject({ requests: 1, pass: 0, fail: 0 });
    expect(t.radiusAcct!.p99Ms).toBeCloseTo(0.5, 1);
    // A reply whose request left the ring has no latency: counted, but no latency sample.
    expect(t.coa).toEqual({ requests: 1, pass: 1, fail: 0, p50Ms: null, p99Ms: null });
  });

  it('tells a quiet running service (a real zero) from one not running (no data)', () => {
    const { stats } = aggregator(['tacacs']);
    const t = stats.flush(1000);
    expect(t.tacacs).toEqual({ requests: 0, pass: 0, fail: 0, p50Ms: null, p99Ms: null });
    expect(t.radiusAuth).toBeNull();
    expect(t.radiusAcct).toBeNull();
    expect(t.coa).toBeNull();
  });

  it('keeps the replies of a service stopped within the second', () => {
    const { stats } = aggregator([]);
    stats.observe(reply('radius', 'pass'), 100);
    expect(stats.flush(1000).radiusAuth).toMatchObject({ requests: 1, pass: 1 });
    expect(stats.flush(2000).radiusAuth).toBeNull();
  });

  it('splits RadSec replies by RADIUS code and ignores client copies and requests', () => {
    const { stats } = aggregator([]);
    stats.observe(reply('radsec', 'pass', 2));
    stats.observe(reply('radsec', 'info', 5));
    stats.observe(reply('radsec', 'pass', 44));
    stats.observe({ ...reply('radius', 'pass'), role: 'client' });
    stats.observe({ ...reply('radius', 'pass'), direction: 'in' });
    stats.observe({ ...reply('radius', 'drop'), direction: 'in' });
    const t = stats.flush(1000);
    expect([t.radiusAuth?.requests, t.radiusAcct?.requests, t.coa?.requests]).toEqual([1, 1, 1]);
    expect(t.dropped).toBe(1);
  });

  it('starts each second empty and keeps every closed second in its history', () => {
    const { stats } = aggregator(['tacacs']);
    stats.observe(reply('tacacs', 'pass'), 10);
    stats.flush(1000);
    stats.flush(2000);
    expect(stats.history.since().map((t) => [t.at, t.tacacs?.requests])).toEqual([
      [1000, 1],
      [2000, 0],
    ]);
  });

  it('closes one second on each wall-clock second boundary and emits it', async () => {
    vi.useFakeTimers({ now: 10_500 });
    const { stats, ticks } = aggregator(['coa']);
    stats.start();
    stats.observe(reply('coa', 'pass'), 100);
    await vi.advanceTimersByTimeAsync(2000);
    stats.stop();
    expect(ticks.map((t) => t.at)).toEqual([10_000, 11_000]);
    expect(ticks[0]).toMatchObject({ coa: { requests: 1 }, activeConnections: 3 });
    expect(ticks[1]!.coa!.requests).toBe(0);
    expect(stats.history.size).toBe(2);
  });
});

describe('served protocols', () => {
  it('maps running listeners to dashboard protocols', () => {
    const l = (service: 'tacacs-tls' | 'radsec' | 'radius-auth') => ({
      service,
      transport: 'tcp' as const,
      address: '127.0.0.1',
      port: 1,
    });
    expect([
      ...servedProtocols([{ name: 'tacacs', state: 'running', listeners: [l('tacacs-tls')] }]),
    ]).toEqual(['tacacs']);
    expect(
      servedProtocols([
        { name: 'radsec', state: 'running', listeners: [l('radsec')] },
        { name: 'radius', state: 'stopped', listeners: [l('radius-auth')] },
      ]),
    ).toEqual(new Set(['radiusAuth', 'radiusAcct', 'coa']));
    expect(servedProtocols([{ name: 'radius', state: 'error', listeners: [l('radius-auth')] }]).size).toBe(0);
  });
});
