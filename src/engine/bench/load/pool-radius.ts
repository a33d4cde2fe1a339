import { chapResponse } from '../../crypto/chap';
import { generateNtResponse } from '../../crypto/mschap';
import { buildAttributes, type AttrInput } from '../../radius/codec/build';
import { CODES } from '../../radius/codec/constants';
import { secretBytes, signRequest } from '../../radius/codec/sign';
import type { Dictionary } from '../../radius/dictionary/dictionary';
import type { LoadPlan } from '../../../contract/load';
import { isWrong, sharePool, type SharedPool } from './pool';
import type { Credential } from './users';

/**
 * Variants per Identifier. RFC 5080 §2.2.2: a server treats (source, Identifier, authenticator) seen
 * within its duplicate window (5 s here and in FreeRADIUS) as a retransmission and answers from its
 * cache; 256 variants keep a packet from repeating within that window up to ~50 req/s per
 * Identifier per socket (12,800 req/s per socket).
 */
export const VARIANTS = 256;

/** Requests indexed by Identifier × VARIANTS + variant, each signed with its own authenticator. */
export function radiusPool(plan: LoadPlan, users: Credential[], dict: Dictionary): SharedPool {
  const secret = secretBytes(plan.secret);
  const entries = [];
  for (let id = 0; id < 256; id++) {
    for (let v = 0; v < VARIANTS; v++) {
      const n = id * VARIANTS + v;
      const cred = users[n % users.length]!;
      const wrong = plan.op === 'auth' && isWrong(n, plan.wrongPasswordRatio);
      const authenticator = Buffer.alloc(16);
      authenticator.writeUInt32BE(n, 0);
      authenticator.writeUInt32BE((Math.random() * 0xffffffff) >>> 0, 4);
      authenticator.writeUInt32BE(0x41414c42, 12);
      const packet =
        plan.op === 'acct'
          ? signRequest(
              CODES['Accounting-Request'],
              id,
              buildAttributes(
                [
                  { name: 'Acct-Status-Type', value: 'Interim-Update' },
                  { name: 'User-Name', value: cred.user },
                  { name: 'Acct-Session-Id', value: `load-${n % users.length}` },
                  { name: 'NAS-IP-Address', value: '127.0.0.1' },
                  { name: 'Acct-Session-Time', value: v },
                  { name: 'Acct-Input-Octets', value: n },
                ],
                dict,
              ),
              secret,
              { messageAuthenticator: false },
            )
          : signRequest(
              CODES['Access-Request'],
              id,
              buildAttributes(
                accessPairs(
                  plan.method,
                  cred.user,
                  wrong ? `${cred.password}-wrong` : cred.password,
                  authenticator,
                  n,
                ),
                dict,
                { secret, authenticator },
              ),
              secret,
              { authenticator, messageAuthenticator: true },
            );
      entries.push({ packets: [packet], expectPositive: !wrong });
    }
  }
  return sharePool(entries);
}

function accessPairs(
  method: string,
  user: string,
  password: string,
  authenticator: Buffer,
  n: number,
): AttrInput[] {
  const pairs: AttrInput[] = [
    { name: 'User-Name', value: user },
    { name: 'NAS-IP-Address', value: '127.0.0.1' },
    { name: 'NAS-Port', value: n & 0xffff },
  ];
  if (method === 'chap') {
    const ident = n & 0xff;
    // RFC 2865 §2.2: without CHAP-Challenge the Request Authenticator is the challenge.
    pairs.push({
      name: 'CHAP-Password',
      value: Buffer.concat([Buffer.of(ident), chapResponse(ident, password, authenticator)]),
    });
  } else if (method === 'mschapv2') {
    const authChallenge = Buffer.from(authenticator);
    const peer = Buffer.alloc(16, n & 0xff);
    const nt = generateNtResponse(authChallenge, peer, user, password);
    pairs.push({ name: 'MS-CHAP-Challenge', value: authChallenge });
    pairs.push({
      name: 'MS-CHAP2-Response',
      value: Buffer.concat([Buffer.of(n & 0xff, 0), peer, Buffer.alloc(8), nt]),
    });
  } else pairs.push({ name: 'User-Password', value: password });
  return pairs;
}
