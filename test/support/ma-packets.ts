import { createHash, createHmac, randomBytes } from 'node:crypto';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import type { AttrInput } from '../../src/engine/radius/codec/build';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';

/**
 * Requests whose Message-Authenticator cannot be verified, built here independently of the codec's
 * signing code (node:crypto directly) so the server's checks are tested against another encoder:
 * - `length:N`: one Message-Authenticator attribute of N value octets (N ≠ 16; 0 is the case);
 * - `value`: a well-formed one with a wrong HMAC;
 * - `multiple`: two, the first of which verifies on its own.
 * Accounting / CoA / Disconnect requests carry a correct Request Authenticator (RFC 2866 §3, RFC 5176
 * §3), so the Message-Authenticator is the only fault.
 */
export type MAFaultCase = `length:${number}` | 'value' | 'multiple';
export const MA_FAULTS: MAFaultCase[] = [
  'length:0',
  'length:8',
  'length:15',
  'length:17',
  'value',
  'multiple',
];

const dict = bundledDictionary().dictionary;
const CODES = { access: 1, acct: 4, status: 12, coa: 43, disconnect: 40 } as const;
export type ReqKind = keyof typeof CODES;

export function attrBytes(type: number, value: Buffer): Buffer {
  return Buffer.concat([Uint8Array.of(type, value.length + 2), value]);
}

export function faultyRequest(
  kind: ReqKind,
  fault: MAFaultCase,
  secret: string,
  pairs: AttrInput[],
  id = 1,
): Buffer {
  const computed = kind !== 'access' && kind !== 'status';
  const reqAuth = computed ? Buffer.alloc(16) : randomBytes(16);
  const attrs = buildAttributes(pairs, dict, { secret: Buffer.from(secret), authenticator: reqAuth }).map(
    (a) => attrBytes(a.type, a.value),
  );
  return faultyRaw(CODES[kind], id, reqAuth, attrs, fault, secret, 0);
}

/** The same from raw attributes (type-length-value each), the fault inserted before attribute `at`. */
export function faultyRaw(
  code: number,
  id: number,
  reqAuth: Buffer,
  attrs: Buffer[],
  fault: MAFaultCase,
  secret: string,
  at: number,
): Buffer {
  const computed = code !== 1 && code !== 12;
  const maLen = fault.startsWith('length:') ? Number(fault.slice(7)) : 16;
  const mas =
    fault === 'multiple'
      ? [attrBytes(80, Buffer.alloc(16)), attrBytes(80, randomBytes(16))]
      : [attrBytes(80, Buffer.alloc(maLen))];
  const before = Buffer.concat(attrs.slice(0, at));
  const pkt = Buffer.concat([
    Buffer.from([code, id, 0, 0]),
    computed ? Buffer.alloc(16) : reqAuth,
    before,
    ...mas,
    ...attrs.slice(at),
  ]);
  pkt.writeUInt16BE(pkt.length, 2);
  // RFC 3579 §3.2: HMAC-MD5 over the packet with the (first) Message-Authenticator zeroed.
  if (fault === 'multiple' || fault === 'value') {
    const h = createHmac('md5', secret).update(pkt).digest();
    if (fault === 'value') h[0] = h[0]! ^ 0xff;
    h.copy(pkt, 20 + before.length + 2);
  }
  if (computed) createHash('md5').update(pkt).update(secret).digest().copy(pkt, 4);
  return pkt;
}

/** The reproducer: Access-Request alice/alice-pass, secret testing123, empty Message-Authenticator. */
export const REPRODUCER = Buffer.from(
  '0101002f000102030405060708090a0b0c0d0e0f0107616c6963650212f78260a911d00a7b633507240014828b5002',
  'hex',
);
