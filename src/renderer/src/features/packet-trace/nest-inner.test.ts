import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../../../contract';
import { nestInner } from './nest-inner';

const row = (id: number, parent?: number): TraceRow => ({
  id,
  timeUs: id,
  protocol: 'radius',
  direction: 'in',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1812 },
  remote: { address: '127.0.0.1', port: 5000 },
  summary: `p${id}`,
  length: 20,
  ...(parent !== undefined && { parent }),
});

describe('nestInner', () => {
  it('leaves the rows as they are when none is an inner record', () => {
    const rows = [row(1), row(2)];
    expect(nestInner(rows).shownRows).toBe(rows);
  });

  it('nests inner records under a shown outer packet and keeps those whose outer packet is not shown', () => {
    const { shownRows, innerOf } = nestInner([row(1), row(2, 1), row(3, 1), row(4), row(6, 5)]);
    expect(shownRows.map((r) => r.id)).toEqual([1, 4, 6]);
    expect([...innerOf]).toEqual([[1, 2]]);
  });
});
