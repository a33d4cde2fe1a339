import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bundledDictionary, defaultDictionaryDir } from '../dictionary/load';
import { buildAttributes, type AttrInput } from './build';
import { CODES } from './constants';
import { dissect } from './dissect';
import { DecodeError } from './errors';
import { hidePassword, hideSalted, unhidePassword, unhideSalted } from './hiding';
import {
  decodeMessage,
  decodeMessageLazy,
  getAll,
  getAllRaw,
  getAvp,
  getRaw,
  getString,
  hasAvp,
  revealAvp,
  type RadiusMessage,
} from './message';
import { indexAttributes } from './attribute-index';
import type { TopAttr } from './attributes';
import { secretBytes, signRequest, signResponse, verifyRequest, verifyResponse } from './sign';

const dict = bundledDictionary().dictionary;
const secret = secretBytes('testing123');

const printable = fc
  .string({ minLength: 1, maxLength: 60 })
  .filter((s) => !s.includes('\0') && Buffer.byteLength(s) <= 200);
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.'));
const attr: fc.Arbitrary<AttrInput> = fc.oneof(
  printable.map((v) => ({ name: 'User-Name', value: v })),
  printable.map((v) => ({ name: 'Cisco-AVPair', value: v })),
  printable.map((v) => ({ name: 'Reply-Message', value: v })),
  fc.nat(0xffffffff).map((v) => ({ name: 'Session-Timeout', value: v })),
  ipv4.map((v) => ({ name: 'Framed-IP-Address', value: v })),
  fc.nat(4094).map((v) => ({ name: 'Aruba-User-Vlan', value: v })),
  fc
    .bigInt({ min: 0n, max: 2n ** 64n - 1n })
    .map((v) => ({ name: 'Attr-26.99.1', value: Buffer.from(v.toString(16)) })),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((v) => ({ name: 'Class', value: Buffer.from(v) })),
  fc.tuple(fc.nat(31), fc.nat(0xffffff)).map(([tag, v]) => ({ name: 'Tunnel-Type', value: v, tag })),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), printable)
    .map(([tag, v]) => ({ name: 'Tunnel-Private-Group-Id', value: v, tag })),
  fc.uint8Array({ minLength: 0, maxLength: 600 }).map((v) => ({ name: 'Frag-Status', value: v.length % 4 })),
);

describe('codec properties', () => {
  it('decode ∘ encode = id for typed attributes, and requests verify', () => {
    fc.assert(
      fc.property(fc.array(attr, { maxLength: 12 }), fc.nat(255), (pairs, id) => {
        const bytes = signRequest(CODES['Accounting-Request'], id, buildAttributes(pairs, dict), secret);
        const m = decodeMessage(bytes, dict);
        expect(verifyRequest(bytes, secret)).toEqual({ authenticator: 'ok', messageAuthenticator: 'ok' });
        const got = m.attributes.avps.filter((a) => a.name !== 'Message-Authenticator');
        expect(got.length).toBe(pairs.length);
        got.forEach((a, i) => {
          const p = pairs[i]!;
          const want = Buffer.isBuffer(p.value) ? p.value.toString('hex') : String(p.value);
          const have = Buffer.isBuffer(a.value) ? a.value.toString('hex') : String(a.value);
          expect(have).toBe(want);
          if (p.tag) expect(a.tag).toBe(p.tag);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('unhide ∘ hide = id for User-Password and salted values', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 128 }).filter((b) => b[b.length - 1] !== 0),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (pw, ra) => {
          expect(unhidePassword(hidePassword(pw, secret, ra), secret, ra).equals(Buffer.from(pw))).toBe(true);
          const salted = hideSalted(pw, secret, ra);
          expect(unhideSalted(salted, secret, ra).equals(Buffer.from(pw))).toBe(true);
        },
      ),
    );
  });

  it('replies verify, with Message-Authenticator first, for every reply code', () => {
    const ra = Buffer.alloc(16, 7);
    for (const code of [2, 3, 5, 11, 41, 42, 44, 45]) {
      const bytes = signResponse(
        code,
        9,
        buildAttributes([{ name: 'Reply-Message', value: 'x' }], dict),
        secret,
        ra,
      );
      expect(bytes[20]).toBe(80);
      expect(verifyResponse(bytes, ra, secret)).toEqual({ authenticator: 'ok', messageAuthenticator: 'ok' });
    }
  });

  it('Tunnel-Password in a reply is hidden with the request authenticator and reveals', () => {
    const ra = Buffer.alloc(16, 3);
    const bytes = signResponse(
      2,
      1,
      buildAttributes([{ name: 'Tunnel-Password', value: 's3cret', tag: 1 }], dict, {
        secret,
        authenticator: ra,
      }),
      secret,
      ra,
    );
    expect(bytes.includes(Buffer.from('s3cret'))).toBe(false);
    const m = decodeMessage(bytes, dict);
    expect(revealAvp(getAvp(m, 'Tunnel-Password')!, secret, ra)).toBe('s3cret');
  });
});

describe('seeded fuzz: decoders throw only DecodeError, dissect never throws', () => {
  const seeds = [
    signRequest(
      1,
      1,
      buildAttributes(
        [
          { name: 'User-Name', value: 'alice' },
          { name: 'User-Password', value: 'pw' },
          { name: 'Cisco-AVPair', value: 'a=b' },
        ],
        dict,
        { secret, authenticator: Buffer.alloc(16, 1) },
      ),
      secret,
      { authenticator: Buffer.alloc(16, 1) },
    ),
    signRequest(
      4,
      2,
      buildAttributes(
        [
          { name: 'Acct-Status-Type', value: 'Start' },
          { name: 'Tunnel-Type', value: 'VLAN', tag: 1 },
          { name: 'Frag-Status', value: 1 },
        ],
        dict,
      ),
      secret,
    ),
    // An EAP round: EAP-Message in two parts, State, Proxy-State (the server's raw lookups).
    signRequest(
      1,
      3,
      buildAttributes(
        [
          { name: 'User-Name', value: 'anonymous' },
          { name: 'EAP-Message', value: Buffer.alloc(40, 0x02) },
          { name: 'EAP-Message', value: Buffer.alloc(12, 0x19) },
          { name: 'State', value: Buffer.alloc(16, 0xab) },
          { name: 'Proxy-State', value: Buffer.from('p1') },
        ],
        dict,
      ),
      secret,
      { authenticator: Buffer.alloc(16, 3) },
    ),
  ];
  /** A seed packet with up to `changes` bytes overwritten, cut to at most `cut` + 1 bytes. */
  const mutatedSeed = (cut: number, changes = 6) =>
    fc
      .tuple(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: changes }),
        fc.nat(cut),
      )
      .map(([si, muts, n]) => {
        const b = Buffer.from(seeds[si]!);
        for (const [pos, val] of muts) if (pos < b.length) b[pos] = val;
        return b.subarray(0, Math.min(b.length, n + 1));
      });
  it('mutations, truncations and lying lengths', () => {
    fc.assert(
      fc.property(mutatedSeed(120), (input) => {
        try {
          decodeMessage(input, dict);
        } catch (e) {
          expect(e).toBeInstanceOf(DecodeError);
        }
        expect(() => dissect(input, dict, { secret })).not.toThrow();
      }),
      { numRuns: 3000, seed: 20240709 },
    );
  });
  it('the lazy decode accepts what decodeMessage accepts and finds the same attributes', () => {
    const names = [
      'User-Name',
      'user-password',
      'Class',
      'Tunnel-Type',
      'Proxy-State',
      // Vendor attributes are looked up first while the lazy message is unexpanded: one without any
      // Vendor-Specific answers "absent" from the bytes.
      'MS-CHAP-Challenge',
      'MS-CHAP2-Response',
      'Cisco-AVPair',
      'Service-Type',
    ];
    fc.assert(
      fc.property(mutatedSeed(160), (input) => {
        let eager: RadiusMessage;
        try {
          eager = decodeMessage(input, dict);
        } catch (e) {
          expect(() => decodeMessageLazy(input, dict)).toThrow((e as Error).message);
          return;
        }
        const lazy = decodeMessageLazy(input, dict);
        if (eager.index.find(26) < 0) {
          // Without any Vendor-Specific, vendor attributes are absent without expanding the packet.
          const probe = decodeMessageLazy(input, dict) as RadiusMessage & { expanded: boolean };
          expect(getAvp(probe, 'MS-CHAP-Challenge')).toBeUndefined();
          expect(getAll(probe, 'Cisco-AVPair')).toEqual([]);
          expect(probe.expanded).toBe(false);
        }
        for (const name of [...names, ...eager.attributes.avps.map((a) => a.name)]) {
          expect(getAvp(lazy, name)).toEqual(getAvp(eager, name));
          expect(getAll(lazy, name)).toEqual(getAll(eager, name));
        }
        // getString reads plain strings straight from the bytes while the message is unexpanded.
        for (const name of [
          ...names,
          'user-name',
          'Acct-Session-Id',
          ...eager.attributes.avps.map((a) => a.name),
        ])
          expect(getString(decodeMessageLazy(input, dict), name)).toEqual(getString(eager, name));
        expect(lazy.attributes).toEqual(eager.attributes);
        expect(lazy.index).toEqual(eager.index);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('hasAvp/getRaw/getAllRaw answer from the index as getAvp/getAll do from the decode', () => {
    const names = ['EAP-Message', 'eap-message', 'State', 'Proxy-State', 'User-Name', 'User-Password'];
    names.push('Tunnel-Type', 'Class', 'MS-CHAP-Challenge', 'Cisco-AVPair');
    fc.assert(
      fc.property(mutatedSeed(160), (input) => {
        let eager: RadiusMessage;
        try {
          eager = decodeMessage(input, dict);
        } catch {
          return;
        }
        // One lazy decode per name: none of the three expands the message for a plain attribute.
        for (const name of names) {
          const fresh = decodeMessageLazy(input, dict);
          expect(hasAvp(fresh, name)).toBe(getAvp(eager, name) !== undefined);
          expect(getRaw(fresh, name)).toEqual(getAvp(eager, name)?.raw);
          expect(getAllRaw(fresh, name)).toEqual(getAll(eager, name).map((a) => a.raw));
        }
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it('the recorder sees every top-level attribute of the full decode, in order, as it is decoded', () => {
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(200), fc.nat(255)), { maxLength: 4 }),
        (si, muts) => {
          const b = Buffer.from(seeds[si]!);
          for (const [pos, val] of muts) if (pos < b.length) b[pos] = val;
          const seen: TopAttr[] = [];
          let m: RadiusMessage;
          try {
            m = decodeMessage(b, dict, (t) => seen.push({ ...t, avps: [...t.avps] }));
          } catch {
            return;
          }
          expect(seen).toEqual(m.attributes.top);
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('rejects Length < 20, Length > datagram, attributes past the end, attribute Length < 2', () => {
    const base = Buffer.from(seeds[0]!);
    const bad = (mut: (b: Buffer) => Buffer) => () => indexAttributes(mut(Buffer.from(base)));
    expect(bad((b) => (b.writeUInt16BE(19, 2), b))).toThrow(DecodeError);
    expect(bad((b) => (b.writeUInt16BE(b.length + 1, 2), b))).toThrow(DecodeError);
    expect(bad((b) => ((b[21] = 1), b))).toThrow(DecodeError);
    expect(bad((b) => ((b[21] = 250), b))).toThrow(DecodeError);
    expect(bad((b) => b.subarray(0, 19))).toThrow(DecodeError);
  });
});

describe('second opinion: the radius npm package decodes what we encode', () => {
  const radius = createRequire(import.meta.url)('radius') as {
    decode(o: { packet: Buffer; secret: string }): {
      code: string;
      identifier: number;
      attributes: Record<string, unknown>;
    };
    add_dictionary(file: string): void;
  };
  // Our own Cisco file, which the package's parser must also accept.
  radius.add_dictionary(join(defaultDictionaryDir(), 'dictionary.cisco'));
  it('Access-Request with PAP, integers, addresses and a Cisco VSA', () => {
    const ra = Buffer.alloc(16, 9);
    const bytes = signRequest(
      1,
      42,
      buildAttributes(
        [
          { name: 'User-Name', value: 'alice' },
          { name: 'User-Password', value: 'alice-pass' },
          { name: 'NAS-IP-Address', value: '10.1.2.3' },
          { name: 'NAS-Port', value: 7 },
          { name: 'Service-Type', value: 'Framed-User' },
          { name: 'Cisco-AVPair', value: 'shell:priv-lvl=15' },
        ],
        dict,
        { secret, authenticator: ra },
      ),
      secret,
      { authenticator: ra },
    );
    const p = radius.decode({ packet: bytes, secret: 'testing123' });
    expect(p.code).toBe('Access-Request');
    expect(p.identifier).toBe(42);
    expect(p.attributes['User-Name']).toBe('alice');
    expect(p.attributes['User-Password']).toBe('alice-pass');
    expect(p.attributes['NAS-IP-Address']).toBe('10.1.2.3');
    expect(p.attributes['NAS-Port']).toBe(7);
    expect(p.attributes['Service-Type']).toBe('Framed-User');
    expect(JSON.stringify(p.attributes['Vendor-Specific'])).toContain('shell:priv-lvl=15');
  });
});
