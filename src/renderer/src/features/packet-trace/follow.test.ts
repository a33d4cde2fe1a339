import { describe, expect, it } from 'vitest';
import type { TraceRecordDto, TraceRow } from '../../../../contract';
import { compileFilter } from '../../../../contract/display-filter';
import { followsOf, MAX_REPLIES, pairOf, withReplies } from './follow';

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

  it('adds the replies of an accounting session by number (they carry no Acct-Session-Id)', () => {
    const expr = withReplies('radius.Acct-Session-Id == "S1"', [4, 8]);
    expect(expr).toBe('(radius.Acct-Session-Id == "S1") || request == 4 || request == 8');
    const f = compileFilter(expr);
    const acct = (name: string) => (name === 'Acct-Session-Id' ? ['S1'] : undefined);
    const none = () => undefined;
    expect(f.test({ row: row(4), field: acct })).toBe(true);
    expect(f.test({ row: row(5, { replyTo: 4 }), field: none })).toBe(true);
    expect(f.test({ row: row(7, { replyTo: 6 }), field: none })).toBe(false);
    expect(withReplies('x == 1', [])).toBe('x == 1');
    const many = Array.from({ length: MAX_REPLIES + 5 }, (_, i) => i + 1);
    expect(withReplies('id == 0', many).split('request ==').length - 1).toBe(MAX_REPLIES);
  });

  it('follows a TACACS+ session by session id', () => {
    const f = followsOf(rec(row(1, { protocol: 'tacacs', sessionId: '0x5fa28bb9' })));
    expect(f).toEqual([{ label: 'Follow TACACS+ session', expr: 'tacacs && session == 0x5fa28bb9' }]);
  });

  it('follows an EAP conversation: its user through its NAS, every round, no other supplicant', () => {
    const eap = [{ label: 'EAP-Message (79)', value: 'EAP-Response/Identity', offset: 20, length: 10 }];
    const at = (address: string) => ({ address, port: 5000 });
    const f = followsOf(rec(row(3, { protocol: 'radius', user: 'alice', remote: at('10.0.0.2') }), eap));
    expect(f.map((x) => x.label)).toEqual(['Follow RADIUS exchange', 'Follow EAP conversation']);
    const conv = compileFilter(f[1]!.expr);
    expect(conv.needsRecord).toBe(true);
    const field = (has: boolean) => (name: string) => (name === 'EAP-Message' && has ? ['x'] : undefined);
    const subject = (over: Partial<TraceRow>, has = true) => ({
      row: row(1, { protocol: 'radius', user: 'alice', remote: at('10.0.0.2'), ...over }),
      field: field(has),
    });
    expect(conv.test(subject({ summary: 'Access-Challenge' }))).toBe(true);
    expect(conv.test(subject({ user: 'bob' }))).toBe(false);
    expect(conv.test(subject({ remote: at('10.0.0.3') }))).toBe(false);
    expect(conv.test(subject({}, false))).toBe(false);
    // No EAP-Message, no EAP conversation to follow.
    expect(followsOf(rec(row(3, { protocol: 'radius', user: 'alice' }))).map((x) => x.label)).toEqual([
      'Follow RADIUS exchange',
    ]);
  });

  it('links a request to its response with Δt, and back', () => {
    const rows = [row(1), row(2, { replyTo: 1, latencyUs: 2500, timeUs: 3500 })];
    expect(pairOf(rows[0]!, rows)).toEqual({ id: 2, kind: 'response', deltaUs: 2500 });
    expect(pairOf(rows[1]!, rows)).toEqual({ id: 1, kind: 'request', deltaUs: 2500 });
    expect(pairOf(row(9), rows)).toBeUndefined();
  });
});
