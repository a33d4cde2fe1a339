import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAvps, encodeAvp, encodeAvps, type Avp } from './avp';
import { avpFields } from './avp-names';

describe('Diameter AVPs (RFC 5281 §10)', () => {
  it('encodes User-Name as RFC 6733 §4.1 lays it out, padded to 4 bytes', () => {
    const b = encodeAvp({ code: 1, mandatory: true, data: Buffer.from('alice') });
    expect(b.toString('hex')).toBe(
      '00000001' + '40' + '00000d' + Buffer.from('alice').toString('hex') + '000000',
    );
  });

  it('encodes a vendor AVP with V set and the Vendor-ID', () => {
    const b = encodeAvp({ code: 26, vendorId: 311, mandatory: true, data: Buffer.of(1, 2) });
    expect(b.toString('hex')).toBe('0000001a' + 'c0' + '00000e' + '00000137' + '0102' + '0000');
  });

  it('round-trips any AVP sequence', () => {
    const avp = fc.record({
      code: fc.nat({ max: 0xffffffff }),
      vendorId: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
      mandatory: fc.boolean(),
      data: fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
    });
    fc.assert(
      fc.property(fc.array(avp, { maxLength: 10 }), (avps: Avp[]) => {
        const back = decodeAvps(encodeAvps(avps)).map(({ code, vendorId, mandatory, data }) => ({
          code,
          vendorId,
          mandatory,
          data,
        }));
        expect(back).toEqual(avps);
      }),
    );
  });

  it('says where a malformed AVP breaks', () => {
    expect(() => decodeAvps(Buffer.from('0000000140000004', 'hex'))).toThrow(
      /length 4, under its 8-byte header/,
    );
    expect(() => decodeAvps(Buffer.from('00000001400000ff00', 'hex'))).toThrow(
      /claims 255 bytes, only 9 remain/,
    );
    expect(() => decodeAvps(Buffer.from('000000', 'hex'))).toThrow(/cut short/);
  });

  it('never throws anything but an AvpError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (a) => {
        try {
          decodeAvps(Buffer.from(a));
        } catch (e) {
          expect((e as Error).name).toBe('AvpError');
        }
      }),
      { seed: 5281, numRuns: 2000 },
    );
  });

  it('marks User-Password secret and strips its padding in the trace tree', () => {
    const bytes = encodeAvps([
      { code: 1, mandatory: true, data: Buffer.from('bob') },
      { code: 2, mandatory: true, data: Buffer.from('bob-pass\0\0\0\0\0\0\0\0') },
    ]);
    const tree = avpFields(decodeAvps(bytes));
    expect(tree[0]).toMatchObject({ label: 'User-Name', value: 'bob', offset: 0 });
    expect(tree[1]).toMatchObject({ label: 'User-Password', value: 'bob-pass', secret: true, offset: 12 });
  });
});
