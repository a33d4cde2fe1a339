import type { FieldNode } from '../../../packet-view';
import type { Avp } from './avp';

/** The AVPs TTLS inner authentication uses (RADIUS attribute numbers, RFC 5281 §11; Microsoft's
 * vendor 311 ones from RFC 2548), and which of them are secrets in the trace. */
export const MICROSOFT = 311;

export const AVP = {
  UserName: 1,
  UserPassword: 2,
  ChapPassword: 3,
  ReplyMessage: 18,
  ChapChallenge: 60,
  EapMessage: 79,
  MsChapResponse: 1,
  MsChapError: 2,
  MsChapChallenge: 11,
  MsChap2Response: 25,
  MsChap2Success: 26,
} as const;

const STANDARD: Record<number, string> = {
  1: 'User-Name',
  2: 'User-Password',
  3: 'CHAP-Password',
  18: 'Reply-Message',
  60: 'CHAP-Challenge',
  79: 'EAP-Message',
};
const MS: Record<number, string> = {
  1: 'MS-CHAP-Response',
  2: 'MS-CHAP-Error',
  11: 'MS-CHAP-Challenge',
  25: 'MS-CHAP2-Response',
  26: 'MS-CHAP2-Success',
};
const SECRET = new Set(['User-Password', 'CHAP-Password', 'MS-CHAP-Response', 'MS-CHAP2-Response']);
const TEXT = new Set(['User-Name', 'Reply-Message', 'MS-CHAP2-Success', 'MS-CHAP-Error']);

export function avpName(a: Pick<Avp, 'code' | 'vendorId'>): string {
  if (a.vendorId === undefined) return STANDARD[a.code] ?? `Attribute ${a.code}`;
  if (a.vendorId === MICROSOFT) return MS[a.code] ?? `Microsoft ${a.code}`;
  return `Vendor ${a.vendorId} attribute ${a.code}`;
}

export function findAvp(avps: Avp[], code: number, vendorId?: number): Avp | undefined {
  return avps.find((a) => a.code === code && a.vendorId === vendorId);
}

/** One field per AVP; User-Password's value is its cleartext with the NUL padding removed, marked
 * secret so the trace store masks it unless trace.showSecrets. */
export function avpFields(avps: Array<Avp & { offset: number; length: number }>): FieldNode[] {
  return avps.map((a) => {
    const name = avpName(a);
    const value =
      name === 'User-Password'
        ? a.data.toString('utf8').replace(/\0+$/, '')
        : TEXT.has(name)
          ? a.data.toString('utf8')
          : a.data.toString('hex');
    return {
      label: name,
      offset: a.offset,
      length: a.length,
      value,
      ...(SECRET.has(name) ? { secret: true } : {}),
    };
  });
}
