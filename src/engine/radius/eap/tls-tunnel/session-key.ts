import { hash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

/**
 * A name for a TLS session that stays the same when a later handshake resumes it, whichever way it
 * resumes (TLS 1.2 session ID or RFC 5077 ticket, TLS 1.3 PSK): the SHA-256 of the session's master
 * secret, which resumption carries over while the session ID may change (a ticket resumption gets
 * the client's fresh one). PEAP fast reconnect files what the inner method established under it.
 * Undefined when the socket has no session yet.
 *
 * `getSession()` is OpenSSL's own serialisation of the session (i2d_SSL_SESSION, ssl/ssl_asn1.c):
 * SEQUENCE { version INTEGER, ssl_version INTEGER, cipher OCTET STRING, session_id OCTET STRING,
 * master_key OCTET STRING, … }. Only those five leading fields are stepped over here; the bytes
 * come from our own OpenSSL, not the network, and anything unexpected yields no key (a full inner
 * authentication), never a wrong one.
 */
export function tlsSessionKey(socket: TLSSocket): string | undefined {
  const der = socket.getSession();
  const secret = der && masterKeyOf(der);
  // One-shot hash: a third of createHash's cost, once per successful PEAP/TTLS authentication.
  return secret?.length ? hash('sha256', secret, 'hex') : undefined;
}

const SEQUENCE = 0x30;
const FIELD_TAGS = [0x02, 0x02, 0x04, 0x04, 0x04] as const;

export function masterKeyOf(der: Buffer): Buffer | undefined {
  const outer = readTlv(der, 0, SEQUENCE);
  if (!outer) return undefined;
  let at = outer.start;
  let field: Tlv | undefined;
  for (const tag of FIELD_TAGS) {
    field = readTlv(der, at, tag, outer.end);
    if (!field) return undefined;
    at = field.end;
  }
  return der.subarray(field!.start, field!.end);
}

interface Tlv {
  start: number;
  end: number;
}

/** One DER tag-length-value at `at` with the expected tag, inside `limit` (definite lengths only). */
function readTlv(b: Buffer, at: number, tag: number, limit = b.length): Tlv | undefined {
  if (at + 2 > limit || b[at] !== tag) return undefined;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 2 || start + n > limit) return undefined;
    len = n === 1 ? b[start]! : b.readUInt16BE(start);
    start += n;
  }
  return start + len <= limit ? { start, end: start + len } : undefined;
}
