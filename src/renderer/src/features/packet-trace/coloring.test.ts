import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../../../contract';
import { DEFAULT_RULES, rowTone } from './coloring';

const row = (over: Partial<TraceRow>): TraceRow => ({
  id: 1,
  timeUs: 0,
  protocol: 'radius',
  direction: 'out',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1812 },
  remote: { address: '127.0.0.1', port: 5000 },
  summary: 'Access-Reject',
  length: 20,
  ...over,
});

describe('rowTone', () => {
  it('colours by result with the default rules, first match wins', () => {
    expect(rowTone(row({ result: 'fail' }), DEFAULT_RULES)).toBe('red');
    expect(rowTone(row({ result: 'drop', duplicate: true }), DEFAULT_RULES)).toBe('amber');
    expect(rowTone(row({ result: 'pass', retransmit: true }), DEFAULT_RULES)).toBe('grey');
    expect(rowTone(row({ result: 'pass' }), DEFAULT_RULES)).toBeUndefined();
  });

  it('skips rules that do not parse or need packet fields', () => {
    const rules = [
      { expr: 'user ==', tone: 'red' as const },
      { expr: 'radius.Class', tone: 'amber' as const },
      { expr: 'user ~ "^bo"', tone: 'blue' as const },
    ];
    expect(rowTone(row({ user: 'bob' }), rules)).toBe('blue');
  });
});
