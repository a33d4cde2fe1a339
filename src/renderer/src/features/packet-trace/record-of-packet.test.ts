import { describe, expect, it } from 'vitest';
import type { TraceRecordDto } from '../../../../contract';
import type { AccountingRecordDto } from '../../../../contract/observability';
import { closestRecord, recordQueryOf } from './record-of-packet';

const T = 1_765_000_000_000_000; // µs
const packet = (over: Partial<TraceRecordDto>): TraceRecordDto => ({
  id: 7,
  timeUs: T,
  protocol: 'radius-acct',
  direction: 'in',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1813 },
  remote: { address: '127.0.0.1', port: 5000 },
  summary: 'Accounting-Request Stop',
  length: 60,
  hex: '',
  dissection: [
    {
      label: 'Attributes',
      offset: 20,
      length: 12,
      children: [{ label: 'Acct-Session-Id (44)', value: 'S1', offset: 20, length: 4 }],
    },
  ],
  ...over,
});
const acct = (id: number, time: number): AccountingRecordDto => ({
  id,
  protocol: 'radius',
  time,
  nasAddress: '127.0.0.1',
  status: 'stop',
  attributes: {},
});

describe('record of a packet', () => {
  it('finds a RADIUS accounting request by Acct-Session-Id around its time', () => {
    const ms = T / 1000;
    expect(recordQueryOf(packet({}))).toEqual({
      protocol: 'radius',
      sessionId: 'S1',
      from: ms - 2000,
      to: ms + 2000,
    });
  });

  it('finds a TACACS+ accounting REQUEST by user, and nothing for other packets', () => {
    const tacacs = packet({ protocol: 'tacacs', summary: 'Acct REQUEST start bob show clock', user: 'bob' });
    expect(recordQueryOf(tacacs)).toMatchObject({ protocol: 'tacacs', user: 'bob' });
    expect(recordQueryOf({ ...tacacs, summary: 'Author REQUEST bob' })).toBeUndefined();
    expect(recordQueryOf(packet({ replyTo: 6, summary: 'Accounting-Response' }))).toBeUndefined();
    expect(recordQueryOf(packet({ protocol: 'radius', summary: 'Access-Request' }))).toBeUndefined();
    expect(recordQueryOf(packet({ dissection: [] }))).toBeUndefined();
  });

  it('picks the record stored nearest the packet', () => {
    const ms = T / 1000;
    const records = [acct(1, ms - 1500), acct(2, ms + 3), acct(3, ms + 900)];
    expect(closestRecord(records, T)?.id).toBe(2);
    expect(closestRecord([], T)).toBeUndefined();
  });
});
