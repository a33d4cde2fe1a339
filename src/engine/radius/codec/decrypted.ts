import { Buffer } from 'node:buffer';
import type { Dictionary } from '../dictionary/dictionary';
import { scanAttributes, type AttributeIndex } from './attribute-index';
import { expandAttributes } from './attributes';
import type { Avp } from './avp';
import { isRequestCode } from './constants';
import { DecodeError } from './errors';
import { looksClean, unhidePasswordPadded, unhideSalted } from './hiding';
import { verifyRequest, verifyResponse } from './sign';

/** A span of the packet that held a hidden value and now holds its cleartext. */
export interface RevealedSpan {
  /** The attribute ("User-Password", "Tunnel-Password"). */
  name: string;
  offset: number;
  length: number;
}

export type RevealResult =
  | { ok: true; bytes: Buffer; revealed: RevealedSpan[] }
  /** The secret does not verify or a hidden value does not decrypt cleanly: nothing is shown. */
  | { ok: false; reason: string }
  /** Nothing hidden to reveal (or, for a reply, the request is gone and with it the salt's vector). */
  | undefined;

/**
 * The packet with every hidden value decrypted in place (RFC 2865 §5.2 User-Password, RFC 2868 §3.5
 * Tunnel-Password and RFC 2548 §2.4.2 MS-MPPE keys), so the field tree's offsets hold for it as they
 * do for the wire bytes: a password keeps its NUL padding, a salted value its salt and length octet.
 * The secret must first verify: an authenticator or Message-Authenticator that does not check, or a
 * User-Password whose padding is not clean, yields `ok: false` rather than garbage.
 */
export function revealHidden(
  wire: Uint8Array,
  dict: Dictionary,
  secret: Uint8Array,
  request?: Uint8Array,
): RevealResult {
  const bytes = Buffer.from(wire); // a copy: verification zeroes fields in place, and we write into it
  const index = scanAttributes(bytes);
  if (index.error) return undefined;
  const hidden = expandAttributes(index, dict).avps.filter(
    (a) => a.hidden && a.def && (a.def.encrypt === 1 || a.def.encrypt === 2),
  );
  if (hidden.length === 0) return undefined;
  const isRequest = isRequestCode(bytes[0]!);
  const vector = isRequest ? bytes.subarray(4, 20) : request && Buffer.from(request.subarray(4, 20));
  if (!vector) return undefined;
  const fault = verification(bytes, index, secret, isRequest ? undefined : vector);
  if (fault) return { ok: false, reason: fault };
  const revealed: RevealedSpan[] = [];
  for (const a of hidden) {
    try {
      const span =
        a.def!.encrypt === 1
          ? revealPassword(bytes, a, secret, vector)
          : revealSalted(bytes, a, secret, vector);
      if (typeof span === 'string') return { ok: false, reason: span };
      revealed.push(span);
    } catch (e) {
      if (e instanceof DecodeError) return { ok: false, reason: e.message };
      throw e;
    }
  }
  return { ok: true, bytes, revealed };
}

function revealPassword(out: Buffer, a: Avp, secret: Uint8Array, vector: Uint8Array): RevealedSpan | string {
  const plain = unhidePasswordPadded(a.raw, secret, vector, a.valueOffset);
  if (!looksClean(plain)) return `${a.name} does not decrypt cleanly`;
  plain.copy(out, a.valueOffset);
  return { name: a.name, offset: a.valueOffset, length: plain.length };
}

/** Salt stays; then the length octet, the data and NUL padding (RFC 2868 §3.5). */
function revealSalted(out: Buffer, a: Avp, secret: Uint8Array, vector: Uint8Array): RevealedSpan {
  const data = unhideSalted(a.raw, secret, vector, a.valueOffset, a.name);
  const start = a.valueOffset + 2;
  const length = a.raw.length - 2;
  out.fill(0, start, start + length);
  out[start] = data.length;
  data.copy(out, start + 1);
  return { name: a.name, offset: start, length };
}

/** Why the secret is not the packet's, when an authenticator can tell; undefined when it verifies. */
function verification(
  bytes: Buffer,
  index: AttributeIndex,
  secret: Uint8Array,
  requestAuth?: Buffer,
): string | undefined {
  const copy = Buffer.from(bytes);
  const c = requestAuth
    ? verifyResponse(copy, requestAuth, secret, index)
    : verifyRequest(copy, secret, index);
  if (c.authenticator === 'bad')
    return `the ${requestAuth ? 'Response' : 'Request'} Authenticator does not verify`;
  if (c.messageAuthenticator === 'bad') return 'the Message-Authenticator does not verify';
  return undefined;
}
