import { describe, expect, it } from 'vitest';
import { buildAttributes } from '../codec/build';
import { decodeMessageLazy } from '../codec/message';
import { encodeRaw } from '../codec/packet';
import { bundledDictionary } from '../dictionary/load';
import { accessCredentials } from './access';

const dict = bundledDictionary().dictionary;
const hex = (s: string) => Buffer.from(s.replace(/ /g, ''), 'hex');

// RFC 2759 §9.2: user "User", password "clientPass"; RFC 3079 §3.5.3 for the MPPE keys.
const authChallenge = hex('5B5D7C7D7B3F2F3E3C2C602132262628');
const peerChallenge = hex('21402324255E262A28295F2B3A337C7E');
const ntResponse = hex('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF');

function msChapV2Request(user: string) {
  // RFC 2548 §2.3.2 MS-CHAP2-Response: Ident, Flags, Peer-Challenge(16), Reserved(8), Response(24).
  const response = Buffer.concat([Buffer.of(7, 0), peerChallenge, Buffer.alloc(8), ntResponse]);
  const attrs = buildAttributes(
    [
      { name: 'User-Name', value: user },
      { name: 'MS-CHAP-Challenge', value: authChallenge },
      { name: 'MS-CHAP2-Response', value: response },
    ],
    dict,
  );
  return decodeMessageLazy(encodeRaw(1, 1, Buffer.alloc(16, 1), attrs), dict);
}

describe('Access-Request credentials: MS-CHAPv2 (RFC 2548, RFC 2759)', () => {
  it('checks the NT-Response, answers with the authenticator response and the RFC 3079 keys', () => {
    const cred = accessCredentials(msChapV2Request('User'), 'User', Buffer.from('s'));
    expect(cred.method).toBe('MS-CHAPv2');
    const c = cred.credentials;
    if (c?.kind !== 'challenge') throw new Error('expected a challenge credential');
    expect(c.verify('clientpass')).toBe(false);
    expect(cred.onAccept()).toEqual([]);
    expect(c.verify('clientPass')).toBe(true);
    const reply = new Map(cred.onAccept().map((a) => [a.name, a.value]));
    expect(reply.get('MS-CHAP2-Success')).toEqual(
      Buffer.concat([Buffer.of(7), Buffer.from('S=407A5589115FD0D6209F510FE9C04566932CDA56')]),
    );
    expect((reply.get('MS-MPPE-Send-Key') as Buffer).toString('hex').toUpperCase()).toBe(
      '8B7CDC149B993A1BA118CB153F56DCCB',
    );
    expect((reply.get('MS-MPPE-Recv-Key') as Buffer).length).toBe(16);
  });

  it('hashes the name without its Windows domain (RFC 2759 §8.2)', () => {
    const cred = accessCredentials(msChapV2Request('LAB\\User'), 'LAB\\User', Buffer.from('s'));
    const c = cred.credentials;
    expect(c?.kind === 'challenge' && c.verify('clientPass')).toBe(true);
  });
});
