import type { Dictionary } from '../dictionary/dictionary';
import { expandAttributes, type Avp, type ExpandedAttributes } from './attributes';
import { decodeRaw, type RawPacket } from './packet';
import { codeName } from './constants';
import { unhidePassword, unhideSalted } from './hiding';
import type { AttrValue } from './values';
import { decodeValue, displayValue } from './values';

/** A decoded packet: header, wire attributes and the dictionary view of them. */
export interface RadiusMessage {
  code: number;
  codeName: string;
  identifier: number;
  authenticator: Buffer;
  /** The packet cut to its Length field. */
  bytes: Buffer;
  raw: RawPacket;
  attributes: ExpandedAttributes;
}

/** Strict decode (DecodeError on bad lengths); trailing padding past Length is dropped (RFC 2865 §3). */
export function decodeMessage(datagram: Buffer, dict: Dictionary): RadiusMessage {
  const raw = decodeRaw(datagram);
  const bytes =
    datagram.length === datagram.readUInt16BE(2) ? datagram : datagram.subarray(0, datagram.readUInt16BE(2));
  return {
    code: raw.code,
    codeName: codeName(raw.code),
    identifier: raw.identifier,
    authenticator: raw.authenticator,
    bytes,
    raw,
    attributes: expandAttributes(raw, dict),
  };
}

/**
 * Names match case-insensitively (dictionaries do). The server looks up several names per request,
 * most of them spelled as the dictionary spells them: those match by plain comparison; the
 * lower-case forms (cached, both sides) are compared only when that finds nothing.
 */
export function getAvp(m: RadiusMessage, name: string): Avp | undefined {
  const avps = m.attributes.avps;
  for (const a of avps) if (a.name === name) return a;
  const lower = lowerCase(name);
  for (const a of avps) if (lowerCase(a.name) === lower) return a;
  return undefined;
}

export function getAll(m: RadiusMessage, name: string): Avp[] {
  const lower = lowerCase(name);
  return m.attributes.avps.filter((a) => a.name === name || lowerCase(a.name) === lower);
}

const lowered = new Map<string, string>();
function lowerCase(s: string): string {
  let l = lowered.get(s);
  if (l === undefined) {
    if (lowered.size >= 4096) lowered.clear();
    lowered.set(s, (l = s.toLowerCase()));
  }
  return l;
}

export function getString(m: RadiusMessage, name: string): string | undefined {
  const a = getAvp(m, name);
  return a === undefined ? undefined : typeof a.value === 'string' ? a.value : a.display;
}

/**
 * Reveals a hidden attribute: encrypt=1 with the request authenticator (User-Password), encrypt=2 with
 * the request authenticator and the salt (Tunnel-Password, MS-MPPE keys in replies).
 */
export function revealAvp(a: Avp, secret: Uint8Array, requestAuthenticator: Uint8Array): AttrValue {
  if (!a.hidden || !a.def) return a.value;
  const plain =
    a.def.encrypt === 1
      ? unhidePassword(a.raw, secret, requestAuthenticator, a.valueOffset)
      : unhideSalted(a.raw, secret, requestAuthenticator, a.valueOffset, a.name);
  return decodeValue(a.def.type === 'string' ? 'string' : 'octets', plain, a.valueOffset, a.name);
}

/** Attributes as a name → value(s) record with display strings (accounting rows, JSON output). */
export function attributeRecord(
  m: RadiusMessage,
  opts: { skipHidden?: boolean } = {},
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of m.attributes.avps) {
    if (a.hidden && opts.skipHidden !== false) continue;
    const v = a.tag ? `${a.display}:${a.tag}` : a.display;
    const prev = out[a.name];
    out[a.name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export { displayValue };
