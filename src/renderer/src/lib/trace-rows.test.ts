import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceRow } from '../../../contract/trace';
import { compactFilter, matchesTraceFilter, mergeRows } from './trace-rows';

function row(id: number, over: Partial<TraceRow> = {}): TraceRow {
  return {
    id,
    timeUs: 1_700_000_000_000_000 + id,
    protocol: 'radius',
    direction: 'in',
    transport: 'udp',
    role: 'server',
    local: { address: '127.0.0.1', port: 21812 },
    remote: { address: '127.0.0.1', port: 40000 + id },
    summary: `Access-Request id=${id} alice`,
    length: 44,
    ...over,
  };
}

describe('matchesTraceFilter', () => {
  const r = row(1, { device: 'lab-loopback', user: 'alice', result: 'pass' });

  it('matches everything with an empty filter', () => {
    expect(matchesTraceFilter(r, {})).toBe(true);
  });

  it('filters by protocol, result, device and user', () => {
    expect(matchesTraceFilter(r, { protocol: ['tacacs'] })).toBe(false);
    expect(matchesTraceFilter(r, { protocol: ['radius', 'tacacs'] })).toBe(true);
    expect(matchesTraceFilter(r, { result: ['fail'] })).toBe(false);
    expect(matchesTraceFilter(row(2), { result: ['pass'] })).toBe(false);
    expect(matchesTraceFilter(r, { device: 'LAB-loopback' })).toBe(true);
    expect(matchesTraceFilter(r, { device: 'lab-alt' })).toBe(false);
    expect(matchesTraceFilter(r, { user: 'bob' })).toBe(false);
  });

  it('searches text in summary and addresses, case-insensitively', () => {
    expect(matchesTraceFilter(r, { text: 'ACCESS-request' })).toBe(true);
    expect(matchesTraceFilter(r, { text: '127.0.0.1:40001' })).toBe(true);
    expect(matchesTraceFilter(r, { text: 'Accounting' })).toBe(false);
  });

  it('honours the time range', () => {
    expect(matchesTraceFilter(r, { fromUs: r.timeUs + 1 })).toBe(false);
    expect(matchesTraceFilter(r, { toUs: r.timeUs })).toBe(true);
  });
});

describe('compactFilter', () => {
  it('drops empty members and trims text', () => {
    expect(compactFilter({ protocol: [], device: ' ', user: ' bob ', text: '' })).toEqual({ user: 'bob' });
  });
});

describe('mergeRows', () => {
  it('merges, sorts by id, drops duplicates and keeps the newest within the cap', () => {
    const ids = (rows: TraceRow[]) => rows.map((r) => r.id);
    expect(ids(mergeRows([row(1), row(3)], [row(2), row(3), row(4)], 10))).toEqual([1, 2, 3, 4]);
    expect(ids(mergeRows([row(1), row(2)], [row(3)], 2))).toEqual([2, 3]);
  });

  it('is a sorted, duplicate-free union for any inputs', () => {
    const sortedIds = fc.uniqueArray(fc.integer({ min: 0, max: 200 })).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(sortedIds, sortedIds, (a, b) => {
        const merged = mergeRows(
          a.map((id) => row(id)),
          b.map((id) => row(id)),
          1000,
        ).map((r) => r.id);
        expect(merged).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      }),
    );
  });
});
