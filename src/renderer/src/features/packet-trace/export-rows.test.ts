import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../../../contract';
import { rowsToCsv } from './export-rows';

describe('rowsToCsv', () => {
  it('writes a header and quotes fields with commas and quotes (RFC 4180)', () => {
    const row: TraceRow = {
      id: 7,
      timeUs: 1,
      protocol: 'tacacs',
      direction: 'in',
      transport: 'tcp',
      role: 'server',
      local: { address: '127.0.0.1', port: 14949 },
      remote: { address: '::1', port: 40000 },
      summary: 'Author "show run", priv 15',
      length: 40,
    };
    const [header, line] = rowsToCsv([row]).split('\r\n');
    expect(header?.startsWith('id,timeUs,protocol')).toBe(true);
    expect(line).toContain('127.0.0.1:14949,::1:40000');
    expect(line).toContain('"Author ""show run"", priv 15"');
  });
});
