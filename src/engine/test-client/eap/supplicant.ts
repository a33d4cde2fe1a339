import { sameBytes } from '../../crypto/same-bytes';
import type { AttrInput } from '../../radius/codec/build';
import { CODES } from '../../radius/codec/constants';
import { getAll, getAvp, getString, revealAvp, type RadiusMessage } from '../../radius/codec/message';
import { RadiusClient, RadiusTimeoutError } from '../../radius/client/client';
import {
  decodeEap,
  eapCodeName,
  eapTypeName,
  encodeEap,
  reassembleEap,
  splitEap,
  type EapPacket,
} from '../../radius/eap/codec';
import { EAP_CODE, EAP_TYPE } from '../../radius/eap/method';
import type { Dictionary } from '../../radius/dictionary/dictionary';
import type { TraceSink } from '../../trace/types';
import { createPeer, isTunnelled, type EapClientMethod } from './methods';
import { EapClientError, type PeerMethod } from './peer-method';
import type { PeerTls } from './tunnel-peer';

export interface EapClientOptions {
  host: string;
  port: number;
  secret: string;
  method: EapClientMethod;
  user: string;
  password: string;
  /** PEAP/TTLS outer identity; default "anonymous" for those, the user otherwise. */
  outerIdentity?: string;
  tls?: PeerTls;
  timeoutMs?: number;
  retries?: number;
  dictionary?: Dictionary;
  trace?: TraceSink;
}

export interface EapRound {
  round: number;
  /** "EAP-Response/Identity id=0 (alice)". */
  sent: string;
  /** Access-Challenge / Access-Accept / Access-Reject, or "no reply". */
  reply: string;
  /** The server's EAP packet, decoded. */
  received?: string;
  note?: string;
}

export interface EapClientResult {
  outcome: 'accept' | 'reject' | 'failure';
  rounds: EapRound[];
  /** Which round failed, and why (absent on accept). */
  failedRound?: number;
  reason?: string;
  /** "match" when MS-MPPE-Recv/Send-Key equal the MSK halves (RFC 2548 §2.4.2-3, RFC 5216 §2.3). */
  mppe?: 'match' | 'mismatch' | 'missing';
  notes: string[];
  replyAttributes: Array<[string, string]>;
}

const MAX_ROUNDS = 60;

/** Runs a whole EAP conversation as a supplicant over RADIUS (RFC 3579 §2): EAP-Message split at 253
 * bytes with Message-Authenticator, State echoed, until Accept, Reject, a failure or a timeout. */
export async function runEapClient(o: EapClientOptions): Promise<EapClientResult> {
  const client = new RadiusClient({
    host: o.host,
    port: o.port,
    secret: o.secret,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    dictionary: o.dictionary,
    trace: o.trace,
    messageAuthenticator: true,
  });
  const peer = createPeer(o.method, { user: o.user, password: o.password, tls: o.tls ?? {} });
  const identity = o.outerIdentity ?? (isTunnelled(o.method) ? 'anonymous' : o.user);
  const rounds: EapRound[] = [];
  const fail = (reason: string, outcome: 'reject' | 'failure' = 'failure'): EapClientResult => ({
    outcome,
    rounds,
    failedRound: rounds.length,
    reason,
    notes: peer.notes(),
    replyAttributes: [],
  });
  let out: EapPacket = {
    code: EAP_CODE.Response,
    identifier: 0,
    type: EAP_TYPE.Identity,
    typeData: Buffer.from(identity),
  };
  let sentWhat = `Identity (${identity})`;
  let state: Buffer | undefined;
  try {
    for (let n = 1; n <= MAX_ROUNDS; n++) {
      const round: EapRound = { round: n, sent: `${view(out)}: ${sentWhat}`, reply: 'no reply' };
      rounds.push(round);
      const attrs: AttrInput[] = [
        { name: 'User-Name', value: identity },
        { name: 'Framed-MTU', value: '1400' },
        ...splitEap(encodeEap(out)).map((v) => ({ name: 'EAP-Message', value: v })),
        ...(state ? [{ name: 'State', value: state }] : []),
      ];
      let r;
      try {
        r = await client.request(CODES['Access-Request'], attrs);
      } catch (e) {
        if (e instanceof RadiusTimeoutError) return fail(`timeout: ${e.message}`);
        throw e;
      }
      round.reply = r.codeName;
      const eap = serverEap(r.message);
      if (eap) round.received = view(eap);
      if (r.code === CODES['Access-Reject']) {
        const msg = getString(r.message, 'Reply-Message');
        // RFC 3748 §5.3.1: our Nak answered with a Failure means the server does not offer the method.
        const nak = rounds.some((x) => x.note?.startsWith('the server proposed'))
          ? ` (after our Nak: the server does not offer ${o.method})`
          : '';
        return fail(
          `Access-Reject${eap?.code === EAP_CODE.Failure ? ' with EAP-Failure' : ''}${msg ? `: ${msg}` : ''}${nak}`,
          'reject',
        );
      }
      if (r.code === CODES['Access-Accept'])
        return accept(r.message, r.exchange.request, eap, peer, o, rounds);
      if (r.code !== CODES['Access-Challenge']) return fail(`unexpected ${r.codeName}`);
      if (!eap || eap.code !== EAP_CODE.Request) return fail('Access-Challenge without an EAP-Request');
      state = getAvp(r.message, 'State')?.raw;
      const next = await answer(eap, peer, o.method, identity);
      round.note = next.note;
      out = { code: EAP_CODE.Response, identifier: eap.identifier, type: next.type, typeData: next.typeData };
      sentWhat = next.summary;
    }
    return fail(`no outcome after ${MAX_ROUNDS} rounds`);
  } catch (e) {
    if (e instanceof EapClientError) return fail(e.message);
    throw e;
  } finally {
    peer.close();
    await client.close();
  }
}

async function answer(
  eap: EapPacket,
  peer: PeerMethod,
  method: EapClientMethod,
  identity: string,
): Promise<{ type: number; typeData: Buffer; summary: string; note?: string }> {
  if (eap.type === EAP_TYPE.Identity)
    return { type: EAP_TYPE.Identity, typeData: Buffer.from(identity), summary: `Identity (${identity})` };
  if (eap.type === EAP_TYPE.Notification)
    return { type: EAP_TYPE.Notification, typeData: Buffer.alloc(0), summary: 'Notification' };
  if (eap.type !== peer.type) {
    // RFC 3748 §5.3.1: Legacy Nak naming the one type we are configured for.
    return {
      type: EAP_TYPE.Nak,
      typeData: Buffer.of(peer.type),
      summary: `Nak, desired ${eapTypeName(peer.type)}`,
      note: `the server proposed ${eapTypeName(eap.type ?? 0)}; we want ${method}`,
    };
  }
  const r = await peer.respond(eap.typeData, eap.identifier);
  return { type: peer.type, typeData: r.typeData, summary: r.summary };
}

function accept(
  m: RadiusMessage,
  request: Buffer,
  eap: EapPacket | undefined,
  peer: PeerMethod,
  o: EapClientOptions,
  rounds: EapRound[],
): EapClientResult {
  const notes = peer.notes();
  const replyAttributes = m.attributes.avps
    .filter((a) => !a.hidden && a.name !== 'EAP-Message' && a.name !== 'Message-Authenticator')
    .map((a): [string, string] => [a.name, a.display]);
  const base = { rounds, notes, replyAttributes };
  if (eap?.code !== EAP_CODE.Success)
    return {
      ...base,
      outcome: 'failure',
      failedRound: rounds.length,
      reason: 'Access-Accept without EAP-Success (RFC 3579 §2.6.3)',
    };
  const msk = peer.msk();
  if (!msk) return { ...base, outcome: 'accept' };
  const recv = getAvp(m, 'MS-MPPE-Recv-Key');
  const send = getAvp(m, 'MS-MPPE-Send-Key');
  if (!recv || !send) return { ...base, outcome: 'accept', mppe: 'missing' };
  const secret = Buffer.from(o.secret, 'utf8');
  const auth = request.subarray(4, 20);
  const r = revealAvp(recv, secret, auth);
  const s = revealAvp(send, secret, auth);
  const ok =
    Buffer.isBuffer(r) &&
    Buffer.isBuffer(s) &&
    sameBytes(r, msk.subarray(0, 32)) &&
    sameBytes(s, msk.subarray(32, 64));
  if (!ok)
    return {
      ...base,
      outcome: 'failure',
      mppe: 'mismatch',
      failedRound: rounds.length,
      reason: 'the MS-MPPE keys of the Access-Accept do not match our MSK',
    };
  return { ...base, outcome: 'accept', mppe: 'match' };
}

function serverEap(m: RadiusMessage): EapPacket | undefined {
  const parts = getAll(m, 'EAP-Message').map((a) => a.raw);
  if (!parts.length) return undefined;
  try {
    return decodeEap(reassembleEap(parts, 65535));
  } catch (e) {
    throw new EapClientError(`the server's EAP-Message does not decode: ${(e as Error).message}`);
  }
}

function view(p: EapPacket): string {
  const t = p.type === undefined ? '' : `/${eapTypeName(p.type)}`;
  return `EAP-${eapCodeName(p.code)}${t} id=${p.identifier}${detail(p)}`;
}

/** The method-level part of a packet, as -v shows it: TLS flags and sizes, prompts, Nak lists. */
function detail(p: EapPacket): string {
  const d = p.typeData;
  switch (p.type) {
    case EAP_TYPE.TLS:
    case EAP_TYPE.TTLS:
    case EAP_TYPE.PEAP: {
      if (!d.length) return '';
      const f = d[0]!;
      const flags = [
        f & 0x80 ? `L=${d.length >= 5 ? d.readUInt32BE(1) : '?'}` : '',
        f & 0x40 ? 'M' : '',
        f & 0x20 ? 'S' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const data = d.length - (f & 0x80 ? 5 : 1);
      return ` [${flags ? `${flags}, ` : ''}${data > 0 ? `${data} bytes TLS` : 'no TLS data'}]`;
    }
    case EAP_TYPE.GTC:
      return p.code === EAP_CODE.Request ? ` [prompt "${d.toString('utf8')}"]` : '';
    case EAP_TYPE.Nak:
      return ` [wants ${[...d].map((x) => eapTypeName(x)).join(', ')}]`;
    default:
      return '';
  }
}
