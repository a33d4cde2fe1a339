import { describe, expect, it } from 'vitest';
import { peapInnerView } from './inner-tree';
import { resultTlv } from './tlv';

const tlvPacket = (tlvs: Buffer) => Buffer.concat([Buffer.of(2, 9, 0, 5 + tlvs.length, 33), tlvs]); // Response, id 9, EAP-TLV

describe('PEAP inner views', () => {
  it('summarizes an Identity and builds its tree on demand', () => {
    const v = peapInnerView(Buffer.from('\x01alice'), false, 'in');
    expect(v.summary).toBe('inner EAP-Response/Identity alice');
    expect(v.tree(Buffer.from('\x01alice'))).toEqual([
      { label: 'Type', offset: 0, length: 1, value: 'Identity (1)' },
      { label: 'Identity', offset: 1, length: 5, value: 'alice' },
    ]);
    expect(peapInnerView(Buffer.of(1), false, 'out').summary).toBe('inner EAP-Request/Identity');
  });

  it('names the Result TLV of a full EAP-TLV packet, in the summary and the tree', () => {
    const b = tlvPacket(resultTlv(1));
    const v = peapInnerView(b, true, 'in');
    expect(v.summary).toBe('EAP-TLV Response Result Success');
    expect(v.tree(b).at(-1)).toEqual({ label: 'Result TLV', offset: 5, length: 6, value: 'Success' });
    expect(peapInnerView(tlvPacket(resultTlv(2)), true, 'out').summary).toBe(
      'EAP-TLV Request Result Failure',
    );
  });

  it('says why a malformed TLV list is malformed, in the tree only', () => {
    const b = tlvPacket(Buffer.of(0x80, 3, 0, 9, 0));
    const v = peapInnerView(b, true, 'in');
    expect(v.summary).toBe('EAP-TLV Response');
    expect(v.tree(b).at(-1)).toMatchObject({
      label: 'TLVs',
      severity: 'error',
      value: expect.stringMatching(/claims 9 bytes/),
    });
  });

  it('summarizes NAKs, MS-CHAPv2 and unknown types', () => {
    expect(peapInnerView(Buffer.of(3, 6, 21), false, 'in').summary).toBe('inner NAK (wants 6, 21)');
    expect(peapInnerView(Buffer.of(26, 3, 1, 0, 4), false, 'in').summary).toBe('EAP-MSCHAPv2 Success');
    expect(peapInnerView(Buffer.of(99), false, 'in').summary).toBe('inner EAP type 99');
    expect(peapInnerView(Buffer.of(2, 1), true, 'in').summary).toBe('inner EAP (short)');
  });
});
