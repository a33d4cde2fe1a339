import { Buffer } from 'node:buffer';
import type { Dictionary } from '../dictionary/dictionary';
import type { AttrDef } from '../dictionary/types';
import { EncodeError } from './errors';
import { hidePassword, hideSalted } from './hiding';
import type { RawAttribute } from './packet';
import { encodeValue, type AttrValue } from './values';

/** An attribute by dictionary name, as the policy, the client and the CLI give them. */
export interface AttrInput {
  name: string;
  value: AttrValue;
  tag?: number;
}

/** What hiding needs: the secret and the Request Authenticator (of the request, also for replies). */
export interface HideContext {
  secret: Uint8Array;
  authenticator: Uint8Array;
}

/** Resolves a name; "Attr-26.9.1" style names address attributes the dictionary lacks (as octets). */
export function resolveAttribute(dict: Dictionary, name: string): AttrDef {
  const def = dict.byName(name);
  if (def) return def;
  const m = /^Attr-(\d+(?:\.\d+)*)$/i.exec(name);
  if (m) {
    const key = m[1]!;
    return (
      dict.byKey(key) ?? {
        name,
        key,
        code: Number(key.split('.').at(-1)),
        type: 'octets',
        encrypt: 0,
        hasTag: false,
        values: new Map(),
        valueNames: new Map(),
        source: 'synthetic',
      }
    );
  }
  throw new EncodeError(`unknown attribute "${name}" (not in the dictionaries)`);
}

/** Encodes named attributes into wire attributes: values, tags, hiding, VSA/extended wrapping. */
export function buildAttributes(
  pairs: readonly AttrInput[],
  dict: Dictionary,
  hide?: HideContext,
): RawAttribute[] {
  const out: RawAttribute[] = [];
  for (const p of pairs) buildAttributeInto(out, p, dict, hide);
  return out;
}

/**
 * One named attribute's wire attributes, appended to `out` (all of them, or none when it throws):
 * buildAttributes for one pair, without the arrays it makes.
 */
export function buildAttributeInto(
  out: RawAttribute[],
  p: AttrInput,
  dict: Dictionary,
  hide?: HideContext,
): void {
  const def = resolveAttribute(dict, p.name);
  const data = encodeLeaf(def, p, hide);
  // A top-level attribute (most replies: EAP-Message fragments, State) needs no key parsing.
  if (!def.key.includes('.')) out.push(one(def.code, data, def.name));
  else for (const a of wrap(def, data, dict)) out.push(a);
}

function encodeLeaf(def: AttrDef, p: AttrInput, hide?: HideContext): Buffer {
  let data = encodeValue(def, p.value);
  if (def.encrypt === 1) {
    if (!hide) throw new EncodeError(`${def.name} must be hidden but no secret/authenticator was given`);
    data = hidePassword(data, hide.secret, hide.authenticator);
  } else if (def.encrypt === 2) {
    if (!hide) throw new EncodeError(`${def.name} must be hidden but no secret/authenticator was given`);
    data = hideSalted(data, hide.secret, hide.authenticator);
  }
  if (def.hasTag) {
    const tag = p.tag ?? 0;
    if (tag < 0 || tag > 0x1f) throw new EncodeError(`${def.name}: tag ${tag} is out of range 0..31`);
    if (def.type === 'integer') {
      data = Buffer.from(data);
      data[0] = tag; // RFC 2868 §3.1: the tag replaces the high byte of the 4-byte value
    } else if (tag > 0 || def.encrypt === 2) data = Buffer.concat([Buffer.of(tag), data]);
  }
  return data;
}

function wrap(def: AttrDef, data: Buffer, dict: Dictionary): RawAttribute[] {
  // A top-level attribute (most replies: EAP-Message fragments, State) needs no key parsing.
  if (!def.key.includes('.')) return [one(def.code, data, def.name)];
  const parts = keyParts(def);
  const first = parts[0]!;
  if (parts.length === 1) return [one(first, data, def.name)];
  if (first === 26) {
    const vendorId = parts[1]!;
    const vendor = dict.vendor(vendorId) ?? {
      typeLength: 1 as const,
      lengthLength: 1 as const,
      continuation: false,
    };
    const sub = encodeSub(
      parts.slice(2),
      data,
      vendor.typeLength,
      vendor.lengthLength,
      vendor.continuation,
      def.name,
    );
    const v = Buffer.alloc(4 + sub.length);
    v.writeUInt32BE(vendorId, 0);
    sub.copy(v, 4);
    return [one(26, v, def.name)];
  }
  if (first >= 241 && first <= 246) {
    const ext = parts[1]!;
    let payload: Buffer;
    if (ext === 26 && parts.length >= 4) {
      const head = Buffer.alloc(5);
      head.writeUInt32BE(parts[2]!, 0);
      head[4] = parts[3]!;
      payload = Buffer.concat([
        head,
        parts.length > 4 ? encodeSub(parts.slice(4), data, 1, 1, false, def.name) : data,
      ]);
    } else payload = parts.length > 2 ? encodeSub(parts.slice(2), data, 1, 1, false, def.name) : data;
    if (first <= 244) return [one(first, Buffer.concat([Buffer.of(ext), payload]), def.name)];
    // RFC 6929 §2.2: long-extended fragments of at most 251 data bytes, M flag on all but the last.
    const out: RawAttribute[] = [];
    for (let off = 0; off === 0 || off < payload.length; off += 251) {
      const chunk = payload.subarray(off, off + 251);
      const more = off + 251 < payload.length ? 0x80 : 0;
      out.push(one(first, Buffer.concat([Buffer.of(ext, more), chunk]), def.name));
    }
    return out;
  }
  // A TLV member of a top-level TLV attribute ("P.C"): one parent instance per member.
  return [one(first, encodeSub(parts.slice(1), data, 1, 1, false, def.name), def.name)];
}

/** "26.311.16" → [26, 311, 16], once per definition (dictionaries' are long-lived; every Accept
 * with MPPE keys wraps two vendor attributes). */
const KEY_PARTS = new WeakMap<AttrDef, readonly number[]>();
function keyParts(def: AttrDef): readonly number[] {
  let parts = KEY_PARTS.get(def);
  if (!parts) KEY_PARTS.set(def, (parts = Object.freeze(def.key.split('.').map(Number))));
  return parts;
}

/** Nested type/length headers for the remaining key path (vendor sub-attribute, then TLV members). */
function encodeSub(
  path: readonly number[],
  data: Buffer,
  typeLen: 1 | 2 | 4,
  lenLen: 0 | 1 | 2,
  cont: boolean,
  name: string,
): Buffer {
  let inner = data;
  for (let i = path.length - 1; i >= 1; i--) inner = tlv(path[i]!, inner, name);
  const hl = typeLen + lenLen + (cont ? 1 : 0);
  const out = Buffer.alloc(hl + inner.length);
  const type = path[0]!;
  if (typeLen === 1) out[0] = type;
  else if (typeLen === 2) out.writeUInt16BE(type, 0);
  else out.writeUInt32BE(type, 0);
  if (lenLen === 1) {
    if (out.length > 255) throw new EncodeError(`${name}: value too long for a vendor sub-attribute`);
    out[typeLen] = out.length;
  } else if (lenLen === 2) out.writeUInt16BE(out.length, typeLen);
  inner.copy(out, hl);
  return out;
}

function tlv(type: number, data: Buffer, name: string): Buffer {
  if (data.length > 253) throw new EncodeError(`${name}: TLV value too long`);
  return Buffer.concat([Buffer.of(type, data.length + 2), data]);
}

function one(type: number, value: Buffer, name: string): RawAttribute {
  if (value.length > 253)
    throw new EncodeError(`${name}: value is ${value.length} bytes; a RADIUS attribute holds at most 253`);
  return { type, value };
}
