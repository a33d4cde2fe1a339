import { randomBytes } from 'node:crypto';
import { generateAuthenticatorResponse, generateNtResponse } from '../../crypto/mschap';
import { EAP_CODE, EAP_TYPE } from '../../radius/eap/method';
import {
  decodeServerMessage,
  encodeAck,
  encodeResponse,
  MSCHAPV2_OP,
} from '../../radius/eap/peap/mschapv2-codec';
import { decodeTlvs, RESULT, resultOf, resultTlv } from '../../radius/eap/peap/tlv';
import type { InnerPeer } from './tunnel-peer';
import { EapClientError } from './peer-method';

/**
 * PEAPv0's inside as a peer ([MS-PEAP] §3.1.5.6): EAP with the header compressed (Type first) for
 * Identity and EAP-MSCHAPv2, full EAP packets for the EAP-TLV Result exchange.
 */
export class PeapInnerPeer implements InnerPeer {
  private pending: { auth: Buffer; peer: Buffer; nt: Buffer } | undefined;
  private readonly seen: string[] = [];

  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {}

  opening(): undefined {
    return undefined;
  }

  receive(b: Buffer): Buffer {
    if (b.length >= 5 && b[0] === EAP_CODE.Request && b.readUInt16BE(2) === b.length) {
      if (b[4] !== EAP_TYPE.Extensions) return this.compressed(b.subarray(4));
      return this.result(b);
    }
    return this.compressed(b);
  }

  notes(): string[] {
    return this.seen;
  }

  private compressed(t: Buffer): Buffer {
    if (t[0] === EAP_TYPE.Identity) {
      this.seen.push(`inner Identity ${this.user}`);
      return Buffer.concat([Buffer.of(EAP_TYPE.Identity), Buffer.from(this.user, 'utf8')]);
    }
    if (t[0] !== EAP_TYPE.MSCHAPv2) {
      this.seen.push(`server asked for inner type ${t[0]}; NAK (we do EAP-MSCHAPv2)`);
      return Buffer.of(EAP_TYPE.Nak, EAP_TYPE.MSCHAPv2);
    }
    let m;
    try {
      m = decodeServerMessage(t);
    } catch (e) {
      throw new EapClientError(`PEAP inner: ${(e as Error).message}`, 'inner');
    }
    if (m.op === 'challenge') {
      const peer = randomBytes(16);
      const nt = generateNtResponse(m.challenge, peer, this.user, this.password);
      this.pending = { auth: m.challenge, peer, nt };
      return encodeResponse(m.id, peer, nt, this.user);
    }
    if (m.op === 'failure') {
      this.seen.push(`inner EAP-MSCHAPv2 Failure: ${m.message}`);
      return encodeAck(MSCHAPV2_OP.Failure);
    }
    const p = this.pending;
    const want = p && generateAuthenticatorResponse(this.password, p.nt, p.peer, p.auth, this.user);
    if (!want || !m.message.startsWith(want))
      throw new EapClientError(
        'PEAP inner: the MS-CHAPv2 Success does not carry the authenticator response we expect (the server does not know the password)',
        'inner',
      );
    this.seen.push('inner EAP-MSCHAPv2 Success, authenticator response verified');
    return encodeAck(MSCHAPV2_OP.Success);
  }

  /** The Result TLV: answer with the same status ([MS-PEAP] §3.2.5.4). */
  private result(b: Buffer): Buffer {
    let status: number | undefined;
    try {
      status = resultOf(decodeTlvs(b.subarray(5)));
    } catch (e) {
      throw new EapClientError(`PEAP inner: bad EAP-TLV: ${(e as Error).message}`, 'inner');
    }
    this.seen.push(`Result TLV ${status === RESULT.Success ? 'Success' : 'Failure'}`);
    const tlvs = resultTlv(status === RESULT.Success ? RESULT.Success : RESULT.Failure);
    const head = Buffer.alloc(5);
    head[0] = EAP_CODE.Response;
    head[1] = b[1]!;
    head.writeUInt16BE(5 + tlvs.length, 2);
    head[4] = EAP_TYPE.Extensions;
    return Buffer.concat([head, tlvs]);
  }
}
