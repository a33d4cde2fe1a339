import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDictionary } from '../dictionary/load';
import { buildAttributes } from './build';
import { CODES, codeName } from './constants';
import { chapResponse } from '../../crypto/chap';
import { attributeRecord, decodeMessage, getAvp, revealAvp } from './message';
import { encodeRaw } from './packet';
import { secretBytes, signResponse, verifyRequest, verifyResponse } from './sign';

interface Side {
  hex: string;
  expected: { code: string; identifier: number; attributes: Record<string, string>; password?: string };
  authenticatorVerifiable?: boolean;
}
interface Vector {
  source: string;
  secret: string;
  request: Side;
  response?: Side;
}

const dict = bundledDictionary().dictionary;
const load = (name: string): Vector =>
  JSON.parse(readFileSync(join(__dirname, '../../../../test/vectors', name), 'utf8')) as Vector;
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe.each(['radius-rfc2865-7.1.json', 'radius-rfc2865-7.2.json', 'radius-rfc5997-6.1.json'])(
  '%s',
  (file) => {
    const v = load(file);
    const secret = secretBytes(v.secret);
    const req = hex(v.request.hex);

    it('decodes the request to the expected attributes', () => {
      const m = decodeMessage(req, dict);
      expect(m.codeName).toBe(v.request.expected.code);
      expect(m.identifier).toBe(v.request.expected.identifier);
      const rec = attributeRecord(m);
      for (const [k, want] of Object.entries(v.request.expected.attributes)) expect(rec[k]).toBe(want);
      if (v.request.expected.password)
        expect(revealAvp(getAvp(m, 'User-Password')!, secret, m.authenticator)).toBe(
          v.request.expected.password,
        );
    });

    it('re-encodes the request byte for byte (password hidden with the vector authenticator)', () => {
      const m = decodeMessage(req, dict);
      const pairs = m.attributes.avps.map((a) => ({
        name: a.name,
        value: a.hidden ? revealAvp(a, secret, m.authenticator) : a.value,
        tag: a.tag,
      }));
      const attrs = buildAttributes(pairs, dict, { secret, authenticator: m.authenticator });
      expect(encodeRaw(m.code, m.identifier, m.authenticator, attrs).toString('hex')).toBe(
        req.toString('hex'),
      );
    });

    if (v.response) {
      const resp = hex(v.response.hex);
      it('builds the response byte for byte, authenticator included', () => {
        const m = decodeMessage(resp, dict);
        const rq = decodeMessage(req, dict);
        const pairs = Object.entries(v.response!.expected.attributes).map(([name, value]) => ({
          name,
          value,
        }));
        const built = signResponse(
          CODES['Access-Accept'],
          m.identifier,
          buildAttributes(pairs, dict),
          secret,
          rq.authenticator,
          { messageAuthenticator: false },
        );
        if (v.response!.authenticatorVerifiable === false) {
          expect(Buffer.concat([built.subarray(0, 4), built.subarray(20)]).toString('hex')).toBe(
            Buffer.concat([resp.subarray(0, 4), resp.subarray(20)]).toString('hex'),
          );
        } else {
          expect(built.toString('hex')).toBe(resp.toString('hex'));
          expect(verifyResponse(resp, rq.authenticator, secret)).toEqual({
            authenticator: 'ok',
            messageAuthenticator: 'absent',
          });
        }
        expect(verifyResponse(resp, rq.authenticator, secretBytes('wrong')).authenticator).toBe('bad');
        expect(codeName(m.code)).toBe(v.response!.expected.code);
      });
    }
  },
);

describe('RFC 5997 §6.1 Message-Authenticator', () => {
  const v = load('radius-rfc5997-6.1.json');
  it('verifies with the vector secret and fails with another', () => {
    const req = hex(v.request.hex);
    expect(verifyRequest(req, secretBytes(v.secret))).toEqual({
      authenticator: 'absent',
      messageAuthenticator: 'ok',
    });
    expect(verifyRequest(req, secretBytes('xyzzy5462')).messageAuthenticator).toBe('bad');
  });
  it('a reply we sign carries Message-Authenticator first and verifies', () => {
    const req = hex(v.request.hex);
    const reply = signResponse(
      CODES['Access-Accept'],
      0xda,
      buildAttributes([{ name: 'Reply-Message', value: 'up' }], dict),
      secretBytes(v.secret),
      req.subarray(4, 20),
    );
    expect(reply[20]).toBe(80);
    expect(verifyResponse(reply, req.subarray(4, 20), secretBytes(v.secret))).toEqual({
      authenticator: 'ok',
      messageAuthenticator: 'ok',
    });
  });
});

describe('RFC 2865 §7.2 CHAP', () => {
  it('the CHAP-Password is MD5(ident + "flopsy"s password + request authenticator) — checks the vector layout', () => {
    const v = load('radius-rfc2865-7.2.json');
    const m = decodeMessage(hex(v.request.hex), dict);
    const chap = getAvp(m, 'CHAP-Password')!.value as Buffer;
    expect(chap.length).toBe(17);
    expect(chap[0]).toBe(0x16);
    // The RFC does not print flopsy's password; the response is 16 bytes of MD5 output in any case.
    expect(chapResponse(chap[0]!, 'x', m.authenticator).length).toBe(16);
  });
});
