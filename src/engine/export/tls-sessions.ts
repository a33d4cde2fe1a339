import { scanAttributes } from '../radius/codec/attribute-index';
import type { TraceRecord } from '../trace/trace-store';

const EAP_MESSAGE = 79;
/** EAP-TLS (RFC 5216), EAP-TTLS (RFC 5281), PEAP: Type-Data starts with the TLS flags byte. */
const TLS_TYPES = new Set([13, 21, 25]);
const EAP_RESPONSE = 2;
const LENGTH_INCLUDED = 0x80;
const HANDSHAKE = 0x16;
const CLIENT_HELLO = 1;

/**
 * The client randoms (hex) of the TLS sessions whose ClientHello these RADIUS records carry in
 * EAP-Message (RFC 3579 §3.1): what a key log line names its session by. The random is at a fixed
 * place (RFC 8446 §4.1.2: record header 5, handshake header 4, legacy_version 2, then 32 bytes), in
 * the first fragment of the peer's first TLS message. Never throws on odd bytes.
 */
export function clientRandoms(
  records: Iterable<Pick<TraceRecord, 'protocol' | 'direction' | 'bytes'>>,
): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    if ((r.protocol !== 'radius' && r.protocol !== 'radsec') || r.direction !== 'in') continue;
    const random = clientRandomOf(eapOf(r.bytes));
    if (random) out.add(random);
  }
  return out;
}

/** Collects the client randoms of the records an export writes, as they pass. */
export class ClientRandoms {
  readonly randoms = new Set<string>();

  add(r: Pick<TraceRecord, 'protocol' | 'direction' | 'bytes'>): void {
    for (const x of clientRandoms([r])) this.randoms.add(x);
  }
}

/**
 * The EAP packet carried by a RADIUS packet: its EAP-Message attributes, concatenated (those
 * before any malformed attribute).
 */
function eapOf(bytes: Uint8Array): Buffer | undefined {
  const index = scanAttributes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const parts: Buffer[] = [];
  for (let i = index.find(EAP_MESSAGE); i >= 0; i = index.find(EAP_MESSAGE, i + 1))
    parts.push(index.value(i));
  return parts.length ? Buffer.concat(parts) : undefined;
}

function clientRandomOf(eap: Buffer | undefined): string | undefined {
  if (!eap || eap.length < 6 || eap[0] !== EAP_RESPONSE || !TLS_TYPES.has(eap[4]!)) return undefined;
  const flags = eap[5]!;
  const tls = eap.subarray(flags & LENGTH_INCLUDED ? 10 : 6);
  if (tls.length < 43 || tls[0] !== HANDSHAKE || tls[5] !== CLIENT_HELLO) return undefined;
  return tls.subarray(11, 43).toString('hex');
}
