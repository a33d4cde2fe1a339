import { createHash } from 'node:crypto';
import { EAP_TYPE } from '../../radius/eap/method';

/**
 * The supplicant's side of one EAP method (the EAP test client): it sees the Type-Data of each
 * EAP-Request of its type and answers the Type-Data of the EAP-Response. A refusal throws
 * EapClientError with the reason the result shows.
 */
export interface PeerReply {
  typeData: Buffer;
  summary: string;
}

export interface PeerMethod {
  readonly type: number;
  readonly name: string;
  respond(typeData: Buffer, identifier: number): Promise<PeerReply>;
  /** The MSK the TLS-based methods derive (RFC 5247), to check the Accept's MS-MPPE keys against. */
  msk(): Buffer | undefined;
  /** What the method learnt on the way (TLS version, server certificate, inner result). */
  notes(): string[];
  close(): void;
}

export class EapClientError extends Error {
  constructor(
    message: string,
    readonly kind: 'untrusted-certificate' | 'tls' | 'inner' | 'protocol' = 'protocol',
  ) {
    super(message);
    this.name = 'EapClientError';
  }
}

/** RFC 3748 §5.4 / RFC 1994 §4.1: Value-Size, Value (the challenge), Name; the response is
 * MD5(Identifier || password || challenge). */
export function md5Peer(password: string): PeerMethod {
  return simple(EAP_TYPE.MD5, 'EAP-MD5', (t, id) => {
    const size = t[0] ?? 0;
    if (size < 1 || t.length < 1 + size)
      throw new EapClientError(`EAP-MD5 challenge Value-Size ${size} but ${t.length - 1} bytes follow`);
    const challenge = t.subarray(1, 1 + size);
    const hash = createHash('md5').update(Buffer.of(id)).update(password).update(challenge).digest();
    return { typeData: Buffer.concat([Buffer.of(16), hash]), summary: 'EAP-MD5 response' };
  });
}

/** RFC 3748 §5.6: the Type-Data of the request is a prompt; the response is the token (password). */
export function gtcPeer(password: string): PeerMethod {
  return simple(EAP_TYPE.GTC, 'EAP-GTC', (t) => ({
    typeData: Buffer.from(password, 'utf8'),
    summary: `EAP-GTC response to "${t.toString('utf8')}"`,
  }));
}

function simple(type: number, name: string, answer: (t: Buffer, id: number) => PeerReply): PeerMethod {
  return {
    type,
    name,
    respond: (t, id) => Promise.resolve(answer(t, id)),
    msk: () => undefined,
    notes: () => [],
    close: () => undefined,
  };
}
