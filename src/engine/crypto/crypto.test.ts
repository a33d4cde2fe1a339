import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chapResponse, chapVerify } from './chap';
import fc from 'fast-check';
import { desEncryptBlock, expandDesKey, expandDesKeyInto } from './des';
import { desEncryptBlockPortable } from './des-portable';
import { md4 } from './md4';
import {
  authenticatorResponseFromHash,
  challengeHash,
  generateAuthenticatorResponse,
  generateNtResponse,
  hashNtPasswordHash,
  lmPasswordHash,
  matchNtResponse,
  mppeAsymmetricStartKey,
  mppeMasterKey,
  mppeServerKeys,
  mppeServerKeysFromHash,
  ntChallengeResponseV1,
  ntPasswordHash,
  verifyNtResponseV2,
} from './mschap';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('md4 (RFC 1320 §A.5 test suite)', () => {
  const suite: Array<[string, string]> = [
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['1234567890'.repeat(8), 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ];
  it.each(suite)('md4(%j)', (input, digest) => {
    expect(md4(Buffer.from(input)).toString('hex')).toBe(digest);
  });
});

/** OpenSSL's 2-key 3DES-EDE with K1 = K2, which degenerates to single DES; undefined without it. */
function opensslDes(key: Buffer, block: Buffer): string | undefined {
  try {
    const c = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
    c.setAutoPadding(false);
    return c.update(block).toString('hex');
  } catch {
    return undefined;
  }
}

describe('des', () => {
  // [key, plaintext, ciphertext]: FIPS 81 Appendix B; NIST SP 800-17 Tables 1 and 2 (the first
  // variable-plaintext and variable-key known answers); the weak-key-free worked example
  // 133457799BBCDFF1 widely used to teach DES.
  const vectors: Array<[string, string, string]> = [
    ['0123456789abcdef', '4e6f772069732074', '3fa40e8a984d4815'],
    ['0101010101010101', '8000000000000000', '95f8a5e5dd31d900'],
    ['8001010101010101', '0000000000000000', '95a8d72813daa94d'],
    ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
    ['0e329232ea6d0d73', '8787878787878787', '0000000000000000'],
  ];
  it.each(vectors)('E(%s, %s) = %s, fast and bit by bit', (key, plain, cipher) => {
    expect(desEncryptBlock(hex(key), hex(plain)).toString('hex')).toBe(cipher);
    expect(desEncryptBlockPortable(hex(key), hex(plain)).toString('hex')).toBe(cipher);
  });
  it('agrees with the bit-by-bit reference and with OpenSSL on random keys and blocks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (key, block) => {
          const fast = desEncryptBlock(key, block).toString('hex');
          expect(fast).toBe(desEncryptBlockPortable(key, block).toString('hex'));
          const ossl = opensslDes(Buffer.from(key), Buffer.from(block));
          if (ossl !== undefined) expect(fast).toBe(ossl);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('expands 7-byte keys 7 bits per byte (RFC 2759 §8.6)', () => {
    expect(expandDesKey(hex('ffffffffffffff')).toString('hex')).toBe('fefefefefefefefe');
    expect(expandDesKey(hex('00000000000001')).toString('hex')).toBe('0000000000000002');
    expect(expandDesKey(hex('80000000000000')).toString('hex')).toBe('8000000000000000');
    const out = Buffer.alloc(8);
    expandDesKeyInto(hex('00112233445566778899aabbccddee'), 7, out);
    expect(out).toEqual(expandDesKey(hex('778899aabbccdd')));
  });
  it('rejects wrong sizes', () => {
    expect(() => desEncryptBlock(Buffer.alloc(7), Buffer.alloc(8))).toThrow(RangeError);
    expect(() => desEncryptBlock(Buffer.alloc(8), Buffer.alloc(9))).toThrow(RangeError);
    expect(() => expandDesKey(Buffer.alloc(8))).toThrow(RangeError);
    expect(() => expandDesKeyInto(Buffer.alloc(10), 4, Buffer.alloc(8))).toThrow(RangeError);
  });
});

describe('chap (RFC 1994)', () => {
  it('is MD5(id || secret || challenge)', () => {
    // Crypt_CHAP (PEAR) test value: id 1, "MyPw", challenge 102DB5DF085D3041.
    expect(chapResponse(1, 'MyPw', hex('102DB5DF085D3041')).toString('hex')).toBe(
      '8f028814450d66d94c72331ef455a172',
    );
  });
  it('verifies and rejects', () => {
    const ch = randomBytes(16);
    const r = chapResponse(7, 'alice-pass', ch);
    expect(chapVerify(7, 'alice-pass', ch, r)).toBe(true);
    expect(chapVerify(8, 'alice-pass', ch, r)).toBe(false);
    expect(chapVerify(7, 'wrong', ch, r)).toBe(false);
    expect(chapVerify(7, 'alice-pass', ch, r.subarray(1))).toBe(false);
  });
});

describe('MS-CHAPv1 (RFC 2433 Appendix B)', () => {
  it('B.2: NT password hash and NT response for "MyPw"', () => {
    expect(ntPasswordHash('MyPw').toString('hex')).toBe('fc156af7edcd6c0edde3337d427f4eac');
    expect(ntChallengeResponseV1(hex('102DB5DF085D3041'), 'MyPw').toString('hex').toUpperCase()).toBe(
      '4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61',
    );
  });
  it('LM password hash of "clientPass" (RFC 3079 §2.5.1)', () => {
    expect(lmPasswordHash('clientPass').toString('hex').toUpperCase()).toBe(
      '76A152936096D7830E2390227404AFD2',
    );
  });
});

describe('MS-CHAPv2 (RFC 2759 §9.2)', () => {
  const user = 'User';
  const password = 'clientPass';
  const authChallenge = hex('5B5D7C7D7B3F2F3E3C2C602132262628');
  const peerChallenge = hex('21402324255E262A28295F2B3A337C7E');
  const ntResponse = hex('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF');

  it('computes every intermediate value', () => {
    expect(challengeHash(peerChallenge, authChallenge, user).toString('hex').toUpperCase()).toBe(
      'D02E4386BCE91226',
    );
    expect(ntPasswordHash(password).toString('hex').toUpperCase()).toBe('44EBBA8D5312B8D611474411F56989AE');
    expect(hashNtPasswordHash(ntPasswordHash(password)).toString('hex').toUpperCase()).toBe(
      '41C00C584BD2D91C4017A2A12FA59F3F',
    );
    expect(generateNtResponse(authChallenge, peerChallenge, user, password)).toEqual(ntResponse);
    expect(generateAuthenticatorResponse(password, ntResponse, peerChallenge, authChallenge, user)).toBe(
      'S=407A5589115FD0D6209F510FE9C04566932CDA56',
    );
  });
  it('verifies the NT response and rejects a wrong password or user', () => {
    expect(verifyNtResponseV2(authChallenge, peerChallenge, user, password, ntResponse)).toBe(true);
    expect(verifyNtResponseV2(authChallenge, peerChallenge, user, 'clientpass', ntResponse)).toBe(false);
    expect(verifyNtResponseV2(authChallenge, peerChallenge, 'user', password, ntResponse)).toBe(false);
  });
  it('matches a candidate password once per ChallengeHash and hands back its NT hash', () => {
    const ch = challengeHash(peerChallenge, authChallenge, user);
    const h = matchNtResponse(ch, password, ntResponse);
    expect(h?.toString('hex').toUpperCase()).toBe('44EBBA8D5312B8D611474411F56989AE');
    expect(authenticatorResponseFromHash(h!, ntResponse, ch)).toBe(
      'S=407A5589115FD0D6209F510FE9C04566932CDA56',
    );
    expect(matchNtResponse(ch, 'clientpass', ntResponse)).toBeUndefined();
    expect(matchNtResponse(ch, password, ntResponse.subarray(1))).toBeUndefined();
  });
  it('derives the RFC 3079 §3.5.3 MPPE master and start keys', () => {
    const master = mppeMasterKey(hashNtPasswordHash(ntPasswordHash(password)), ntResponse);
    expect(master.toString('hex').toUpperCase()).toBe('FDECE3717A8C838CB388E527AE3CDD31');
    // The RFC's SendStartKey128 is the server's send key (IsSend = IsServer = TRUE).
    expect(mppeAsymmetricStartKey(master, 16, true, true).toString('hex').toUpperCase()).toBe(
      '8B7CDC149B993A1BA118CB153F56DCCB',
    );
    const keys = mppeServerKeys(password, ntResponse);
    expect(keys.send.toString('hex').toUpperCase()).toBe('8B7CDC149B993A1BA118CB153F56DCCB');
    expect(mppeServerKeysFromHash(ntPasswordHash(password), ntResponse)).toEqual(keys);
    // The client's send key is the server's receive key.
    expect(keys.recv).toEqual(mppeAsymmetricStartKey(master, 16, true, false));
  });
});
