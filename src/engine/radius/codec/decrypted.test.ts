import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/fixtures';
import { bundledDictionary } from '../dictionary/load';
import { buildAttributes } from './build';
import { CODES } from './constants';
import { revealHidden } from './decrypted';
import { dissect } from './dissect';
import { secretBytes, signRequest, signResponse } from './sign';

const dict = bundledDictionary().dictionary;
const rfc = JSON.parse(readFileSync(join(repoRoot, 'test/vectors/radius-rfc2865-7.1.json'), 'utf8')) as {
  secret: string;
  request: { hex: string };
};
const wire = Buffer.from(rfc.request.hex.replace(/\s+/g, ''), 'hex');

/** The tree node labelled `label`, anywhere in the dissection. */
function node(bytes: Uint8Array, label: RegExp) {
  const walk = (ns: ReturnType<typeof dissect>): ReturnType<typeof dissect>[number] | undefined =>
    ns.map((n) => (label.test(n.label) ? n : walk(n.children ?? []))).find(Boolean);
  return walk(dissect(bytes, dict))!;
}

describe('revealHidden: hidden RADIUS values decrypted in place', () => {
  it('RFC 2865 §7.1: User-Password "arctangent" where the tree says the field is', () => {
    const r = revealHidden(wire, dict, secretBytes(rfc.secret));
    if (!r?.ok) throw new Error('expected a reveal');
    const pw = node(wire, /^User-Password/);
    // The field tree's node (header + value) covers the revealed span; the value is the cleartext.
    expect(r.revealed).toEqual([{ name: 'User-Password', offset: pw.offset + 2, length: 16 }]);
    const value = r.bytes.subarray(pw.offset + 2, pw.offset + pw.length);
    expect(value.toString('latin1')).toBe('arctangent\0\0\0\0\0\0');
    // Everything else is byte for byte the wire packet.
    expect(
      Buffer.concat([r.bytes.subarray(0, pw.offset + 2), r.bytes.subarray(pw.offset + pw.length)]),
    ).toEqual(Buffer.concat([wire.subarray(0, pw.offset + 2), wire.subarray(pw.offset + pw.length)]));
    expect(wire.subarray(pw.offset + 2, pw.offset + 6).toString('hex')).toBe('0dbe708d'); // input untouched
  });

  it('a wrong secret reveals nothing and says why', () => {
    expect(revealHidden(wire, dict, secretBytes('not-the-secret'))).toEqual({
      ok: false,
      reason: 'User-Password does not decrypt cleanly',
    });
  });

  it('a packet with nothing hidden has no decrypted view', () => {
    const acct = signRequest(
      CODES['Accounting-Request'],
      1,
      buildAttributes([{ name: 'Acct-Status-Type', value: 'Start' }], dict),
      secretBytes('s'),
    );
    expect(revealHidden(acct, dict, secretBytes('s'))).toBeUndefined();
  });

  it('Tunnel-Password and MS-MPPE-Send-Key in an Access-Accept, with the request authenticator', () => {
    const secret = secretBytes('testing123');
    const request = signRequest(
      CODES['Access-Request'],
      9,
      buildAttributes([{ name: 'User-Name', value: 'bob' }], dict),
      secret,
    );
    const ra = request.subarray(4, 20);
    const attrs = buildAttributes(
      [
        { name: 'Tunnel-Password', value: 'tunnel-pw', tag: 1 },
        { name: 'MS-MPPE-Send-Key', value: '0x' + '11'.repeat(32) },
      ],
      dict,
      { secret, authenticator: ra },
    );
    const accept = signResponse(CODES['Access-Accept'], 9, attrs, secret, ra);
    const r = revealHidden(accept, dict, secret, request);
    if (!r?.ok) throw new Error(`expected a reveal, got ${JSON.stringify(r)}`);
    expect(r.revealed.map((s) => s.name)).toEqual(['Tunnel-Password', 'MS-MPPE-Send-Key']);
    const [tp, key] = r.revealed;
    // Length octet, then the data, then NUL padding; the span is inside the tree's node.
    expect(r.bytes[tp!.offset]).toBe(9);
    expect(r.bytes.subarray(tp!.offset + 1, tp!.offset + 10).toString()).toBe('tunnel-pw');
    const tpNode = node(accept, /^Tunnel-Password/);
    expect(tp!.offset + tp!.length).toBe(tpNode.offset + tpNode.length);
    expect(r.bytes[key!.offset]).toBe(32);
    expect(r.bytes.subarray(key!.offset + 1, key!.offset + 33)).toEqual(Buffer.alloc(32, 0x11));
    // Without the request there is no vector for the salt; with another secret the authenticator fails.
    expect(revealHidden(accept, dict, secret)).toBeUndefined();
    expect(revealHidden(accept, dict, secretBytes('wrong'), request)).toEqual({
      ok: false,
      reason: 'the Response Authenticator does not verify',
    });
  });
});
