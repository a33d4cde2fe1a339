import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutClientTwins } from './client-copies';

type Rec = { id: number; role: 'server' | 'client'; timeUs: number; bytes: Uint8Array };
const rec = (id: number, role: Rec['role'], bytes: number[], timeUs = id * 1000): Rec => ({
  id,
  role,
  timeUs,
  bytes: Uint8Array.from(bytes),
});
const ids = (rs: Iterable<Rec>) => [...rs].map((r) => r.id);

describe('withoutClientTwins', () => {
  it('keeps the server record of a packet the test client sent to this lab', () => {
    const records = [
      rec(1, 'client', [1, 2]),
      rec(2, 'server', [1, 2]),
      rec(3, 'server', [9]),
      rec(4, 'client', [9]),
    ];
    expect(ids(withoutClientTwins(records))).toEqual([2, 3]);
  });

  it('keeps client copies of packets to another host (no twin)', () => {
    const records = [rec(1, 'client', [1]), rec(2, 'client', [2])];
    expect(ids(withoutClientTwins(records))).toEqual([1, 2]);
  });

  it('keeps a server retransmission that has no client copy left', () => {
    const records = [
      rec(1, 'client', [7]),
      rec(2, 'server', [7]),
      rec(3, 'client', [7]),
      rec(4, 'server', [7]),
    ];
    expect(ids(withoutClientTwins(records))).toEqual([2, 4]);
  });

  it('does not pair records further apart than the window', () => {
    const records = [rec(1, 'client', [5], 0), rec(2, 'server', [5], 60_000_000)];
    expect(ids(withoutClientTwins(records))).toEqual([1, 2]);
  });

  it('never drops a server record and keeps the order', () => {
    const arb = fc.array(
      fc.record({
        role: fc.constantFrom<Rec['role']>('server', 'client'),
        b: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 600 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const records = xs.map((x, i) => rec(i, x.role, [x.b]));
        const out = ids(withoutClientTwins(records));
        const servers = records.filter((r) => r.role === 'server').map((r) => r.id);
        expect(out.filter((id) => records[id]!.role === 'server')).toEqual(servers);
        expect([...out].sort((a, b) => a - b)).toEqual(out);
      }),
    );
  });
});
