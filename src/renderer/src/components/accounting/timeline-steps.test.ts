import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../../../contract';
import { compileFilter } from '../../../../contract/display-filter';
import type { AccountingRecordDto } from '../../../../contract/observability';
import { DYN_AUTH_REPLIES, dynAuthRequests, timelineSteps } from './timeline-steps';

const record = (id: number, time: number, status: AccountingRecordDto['status']): AccountingRecordDto => ({
  ...{ id, protocol: 'radius', time, nasAddress: '127.0.0.1', status, attributes: {} },
});
const nas = { address: '10.0.0.2', port: 3799 };
const row = (id: number, ms: number, over: Partial<TraceRow>): TraceRow => ({
  ...{ id, timeUs: ms * 1000, protocol: 'coa', transport: 'udp', role: 'client' },
  ...{ direction: 'out', local: { address: '10.0.0.1', port: 40000 }, remote: nas, length: 40 },
  summary: '',
  ...over,
});

describe('session timeline', () => {
  it('puts CoA / Disconnect exchanges between the records, each with its own reply', () => {
    const requests = [
      row(10, 2000, { summary: 'CoA-Request id=1', sessionId: 'id=1' }),
      row(20, 4000, { summary: 'Disconnect-Request id=1', sessionId: 'id=1' }),
      row(30, 5000, { summary: 'CoA-Request id=2', sessionId: 'id=2' }),
    ];
    const replies = [
      row(11, 2001, { direction: 'in', summary: 'CoA-NAK id=1', sessionId: 'id=1', result: 'fail' }),
      row(21, 4002, { direction: 'in', summary: 'Disconnect-ACK id=1', sessionId: 'id=1', result: 'pass' }),
      // Same Identifier from another NAS: not this exchange's reply.
      row(31, 5001, {
        direction: 'in',
        summary: 'CoA-ACK id=2',
        sessionId: 'id=2',
        remote: { ...nas, port: 1 },
      }),
    ];
    const steps = timelineSteps([record(1, 1000, 'start'), record(2, 4500, 'stop')], requests, replies);
    expect(steps.map((s) => [s.label, s.kind === 'dynauth' ? s.result : undefined])).toEqual([
      ['start', undefined],
      ['CoA-Request → CoA-NAK', 'fail'],
      ['Disconnect-Request → Disconnect-ACK', 'pass'],
      ['stop', undefined],
      ['CoA-Request → no reply', 'error'],
    ]);
  });

  it('asks the trace with filters that parse and pick the right rows', () => {
    const q = compileFilter(dynAuthRequests('S"1'));
    expect(q.needsRecord).toBe(true);
    const attr = (v: string) => (name: string) => (name === 'Acct-Session-Id' ? [v] : undefined);
    expect(q.test({ row: row(1, 0, {}), field: attr('S"1') })).toBe(true);
    expect(q.test({ row: row(1, 0, {}), field: attr('S2') })).toBe(false);
    expect(q.test({ row: row(1, 0, { role: 'server', direction: 'in' }), field: attr('S"1') })).toBe(false);
    const r = compileFilter(DYN_AUTH_REPLIES);
    expect(r.test({ row: row(1, 0, { direction: 'in' }) })).toBe(true);
    expect(r.test({ row: row(1, 0, { direction: 'in', protocol: 'radius' }) })).toBe(false);
  });
});
