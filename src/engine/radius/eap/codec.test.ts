import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EapDecodeError,
  decodeEap,
  eapLength,
  encodeEap,
  nakDesired,
  reassembleEap,
  splitEap,
  type EapPacket,
} from './codec';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** Annotated packets as wpa_supplicant (eapol_test) sends and hostapd answers them. */
const VECTORS: Array<{ name: string; hex: string; packet: EapPacket }> = [
  {
    name: 'Response/Identity "alice" (RFC 3748 §5.1)',
    hex: '02 00 000a 01 616c696365',
    packet: { code: 2, identifier: 0, type: 1, typeData: Buffer.from('alice') },
  },
  {
    name: 'Request/Identity with no prompt',
    hex: '01 07 0005 01',
    packet: { code: 1, identifier: 7, type: 1, typeData: Buffer.alloc(0) },
  },
  {
    name: 'Request/MD5-Challenge, Value-Size 16 (RFC 3748 §5.4)',
    hex: '01 01 0016 04 10 000102030405060708090a0b0c0d0e0f',
    packet: { code: 1, identifier: 1, type: 4, typeData: hex('10 000102030405060708090a0b0c0d0e0f') },
  },
  {
    name: 'Response/Nak desiring GTC then MD5 (RFC 3748 §5.3.1)',
    hex: '02 01 0007 03 06 04',
    packet: { code: 2, identifier: 1, type: 3, typeData: hex('06 04') },
  },
  {
    name: 'Success (RFC 3748 §4.2)',
    hex: '03 02 0004',
    packet: { code: 3, identifier: 2, typeData: Buffer.alloc(0) },
  },
  {
    name: 'Failure (RFC 3748 §4.2)',
    hex: '04 09 0004',
    packet: { code: 4, identifier: 9, typeData: Buffer.alloc(0) },
  },
];

describe('EAP codec vectors', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const bytes = hex(v.hex);
      expect(decodeEap(bytes)).toEqual(v.packet);
      expect(encodeEap(v.packet)).toEqual(bytes);
    });
  }

  it('ignores link-layer padding beyond Length (RFC 3748 §4)', () => {
    expect(decodeEap(hex('03 02 0004 0000'))).toEqual(VECTORS[4]!.packet);
  });

  const bad: Array<[string, string, string, number]> = [
    ['3 bytes', '03 02 00', 'too-short', 0],
    ['code 5', '05 02 0004', 'bad-code', 0],
    ['Length 3', '01 02 0003 01', 'length-mismatch', 2],
    ['Length over what arrived', '02 02 0010 01 61', 'length-mismatch', 2],
    ['Success with data', '03 02 0005 00', 'unexpected-data', 4],
    ['Response without Type', '02 02 0004', 'missing-type', 4],
  ];
  for (const [name, h, code, offset] of bad) {
    it(`refuses ${name} with code and offset`, () => {
      const e = (() => {
        try {
          decodeEap(hex(h));
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(EapDecodeError);
      expect(e).toMatchObject({ code, offset });
    });
  }

  it('refuses a Length over the caller limit', () => {
    expect(() => decodeEap(Buffer.concat([hex('02 01 0100 01'), Buffer.alloc(251)]), 200)).toThrow(
      /over the limit of 200/,
    );
  });

  it('reads Nak desired types, 0 meaning none', () => {
    expect(nakDesired(hex('0d 19'))).toEqual([13, 25]);
    expect(nakDesired(hex('00'))).toEqual([]);
  });
});

const packet: fc.Arbitrary<EapPacket> = fc.oneof(
  fc.record({
    code: fc.constantFrom(1, 2),
    identifier: fc.nat(255),
    type: fc.nat(255),
    typeData: fc.uint8Array({ maxLength: 3000 }).map((u) => Buffer.from(u)),
  }),
  fc.record({ code: fc.constantFrom(3, 4), identifier: fc.nat(255), typeData: fc.constant(Buffer.alloc(0)) }),
);

describe('EAP codec properties', () => {
  it('decode ∘ encode = id and eapLength = encode().length', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const b = encodeEap(p);
        expect(b.length).toBe(eapLength(p));
        expect(decodeEap(b)).toEqual(p);
      }),
      { seed: 3748 },
    );
  });

  it('split at 253 bytes and reassembled gives the packet back (RFC 3579 §3.1)', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const b = encodeEap(p);
        const parts = splitEap(b);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(253);
        expect(parts.length).toBe(Math.ceil(b.length / 253));
        expect(reassembleEap(parts, 65535)).toEqual(b);
      }),
      { seed: 3579 },
    );
  });

  it('reassembly refuses more than its limit', () => {
    expect(() => reassembleEap([Buffer.alloc(253), Buffer.alloc(253)], 500)).toThrow(/506 bytes, over/);
  });
});

describe('seeded fuzz: decodeEap throws only EapDecodeError', () => {
  const seeds = VECTORS.map((v) => hex(v.hex));
  it('mutated, truncated and length-lying packets', () => {
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(40), fc.nat(255)), { maxLength: 6 }),
        fc.nat(40),
        fc.nat(0xffff),
        (si, flips, cut, lie) => {
          const b = Buffer.from(seeds[si]!);
          for (const [at, v] of flips) if (at < b.length) b[at] = v;
          if (lie % 3 === 0 && b.length >= 4) b.writeUInt16BE(lie, 2);
          const input = b.subarray(0, Math.min(b.length, cut));
          try {
            const p = decodeEap(input);
            expect(eapLength(p)).toBeLessThanOrEqual(input.length);
          } catch (e) {
            expect(e).toBeInstanceOf(EapDecodeError);
          }
        },
      ),
      { numRuns: 5000, seed: 20261207 },
    );
  });
});
