import { describe, expect, it } from 'vitest';
import type { TraceRecordDto, TraceRow } from '../../../../contract';
import { compileFilter } from '../../../../contract/display-filter';
import { followsOf, pairOf } from './follow';

const row = (id: number, over: Partial<TraceRow> = {}): TraceRow => ({
  id,
  timeUs: id * 1000,
  protocol: 'radius-acct',
  direction: 'in',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1813 },
  remote: { address: '127.0.0.1', port: 5000 },
  summary: 'Accounting-Request',
  length: 40,
  ...over,
});
const rec = (r: TraceRow, dissection: TraceRecordDto['dissection'] = []): TraceRecordDto => ({
  ...r,
  hex: '',
  dissection,
});

describe('follow', () => {
  it('follows an accounting session by Acct-Session-Id and the exchange by request number', () => {
    const tree = [
      {
        label: 'Attributes',
        offset: 20,
        length: 10,
        children: [{ label: 'Acct-Session-Id (44)', value: 'S"1', offset: 20, length: 5 }],
      },
    ];
    const f = followsOf(rec(row(5, { replyTo: 4 }), tree));
    expect(f.map((x) => x.expr)).toEqual(['radius.Acct-Session-Id == "S\\"1"', 'id == 4 || request == 4']);
    // Every expression parses, quotes and all.
    for (const x of f) expect(() => compileFilter(x.expr)).not.toThrow();
    const exchange = compileFilter(f[1]!.expr);
    expect(
      [row(4), row(5, { replyTo: 4 }), row(6)].filter((r) => exchange.test({ row: r })).map((r) => r.id),
    ).toEqual([4, 5]);
  });

  it('follows a TACACS+ session by session id', () => {
    const f = followsOf(rec(row(1, { protocol: 'tacacs', sessionId: '0x5fa28bb9' })));
    expect(f).toEqual([{ label: 'Follow TACACS+ session', expr: 'tacacs && session == 0x5fa28bb9' }]);
  });

  it('links a request to its response with Δt, and back', () => {
    const rows = [row(1), row(2, { replyTo: 1, latencyUs: 2500, timeUs: 3500 })];
    expect(pairOf(rows[0]!, rows)).toEqual({ id: 2, kind: 'response', deltaUs: 2500 });
    expect(pairOf(rows[1]!, rows)).toEqual({ id: 1, kind: 'request', deltaUs: 2500 });
    expect(pairOf(row(9), rows)).toBeUndefined();
  });
});
