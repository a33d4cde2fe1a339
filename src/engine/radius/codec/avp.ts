import { Buffer } from 'node:buffer';
import type { Dictionary } from '../dictionary/dictionary';
import { unknownName } from '../dictionary/dictionary';
import type { AttrDef } from '../dictionary/types';
import { DecodeError } from './errors';
import { decodeValue, displayValue, type AttrValue } from './values';

/**
 * One attribute decoded by its dictionary definition: the value typed, TLV members as children,
 * the RFC 2868 tag split off. Hidden values (encrypt=1/2) stay hidden here; revealAvp (message.ts)
 * reveals them with a secret. A malformed value never fails the packet: it is kept as octets with
 * `error` set (FreeRADIUS does the same).
 */
export interface Avp {
  name: string;
  key: string;
  def?: AttrDef;
  value: AttrValue;
  display: string;
  tag?: number;
  /** Value bytes as on the wire after any tag (still hidden when `hidden`). */
  raw: Buffer;
  hidden: boolean;
  /** Offset and length of this attribute's own header+value in the packet (sub-attribute for VSAs). */
  offset: number;
  length: number;
  valueOffset: number;
  error?: string;
  children?: Avp[];
}

/**
 * The Avp of a top-level attribute that is neither Vendor-Specific nor extended (type 26, 241-246):
 * what expandAttributes makes of it, so a lookup by type in the bytes finds the same value.
 */
export function plainAvp(dict: Dictionary, type: number, value: Buffer, offset: number): Avp {
  try {
    return leaf(dict, dict.byType(type), TYPE_KEY[type]!, value, offset, value.length + 2, offset + 2);
  } catch (e) {
    // Only a TLV's members can throw here; the attribute is then shown as opaque octets.
    if (!(e instanceof DecodeError)) throw e;
    return opaque(String(type), value, offset, value.length + 2, offset + 2, e.message);
  }
}

/** "0" … "255": an attribute's key, one string each (this runs for every attribute received). */
const TYPE_KEY = Array.from({ length: 256 }, (_, i) => String(i));

/** The Avp of one attribute's value bytes (after any vendor or extended header) under `key`. */
export function leaf(
  dict: Dictionary,
  def: AttrDef | undefined,
  key: string,
  bytes: Buffer,
  offset: number,
  length: number,
  valueOffset: number,
): Avp {
  if (!def) return opaque(key, bytes, offset, length, valueOffset);
  let tag: number | undefined;
  let data = bytes;
  let vOff = valueOffset;
  if (def.hasTag) {
    // RFC 2868 §3: integers always carry the tag in the first byte; strings only when it is 0x01..0x1F.
    const isInt = def.type === 'integer';
    if (isInt || def.encrypt === 2 || (data.length > 0 && data[0]! >= 1 && data[0]! <= 0x1f)) {
      tag = data[0];
      if (isInt) data = Buffer.concat([Buffer.alloc(1), data.subarray(1)]);
      else {
        data = data.subarray(1);
        vOff++;
      }
    }
  }
  if (def.encrypt !== 0) {
    return {
      name: def.name,
      key,
      def,
      value: data,
      display: `hidden (${data.length} bytes)`,
      tag,
      raw: data,
      hidden: true,
      offset,
      length,
      valueOffset: vOff,
    };
  }
  if (def.type === 'tlv') {
    const children = tlvMembers(data, vOff, key, dict);
    return {
      name: def.name,
      key,
      def,
      value: data,
      display: `${children.length} TLVs`,
      tag,
      raw: data,
      hidden: false,
      offset,
      length,
      valueOffset: vOff,
      children,
    };
  }
  try {
    const value = decodeValue(def.type, data, vOff, def.name);
    return {
      name: def.name,
      key,
      def,
      value,
      display: displayValue(def, value),
      tag,
      raw: data,
      hidden: false,
      offset,
      length,
      valueOffset: vOff,
    };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { ...opaque(key, data, offset, length, vOff, e.message), name: def.name, def };
  }
}

function tlvMembers(data: Buffer, base: number, prefix: string, dict: Dictionary): Avp[] {
  const out: Avp[] = [];
  let off = 0;
  while (off < data.length) {
    const len = data[off + 1];
    if (len === undefined || len < 2 || off + len > data.length)
      throw new DecodeError('attribute-length', base + off, 'TLV', `TLV in ${prefix} has an invalid length`);
    const key = `${prefix}.${data[off]}`;
    out.push(
      leaf(dict, dict.byKey(key), key, data.subarray(off + 2, off + len), base + off, len, base + off + 2),
    );
    off += len;
  }
  return out;
}

/** An attribute the dictionary cannot decode: its bytes as octets, `error` saying why when malformed. */
export function opaque(
  key: string,
  bytes: Buffer,
  offset: number,
  length: number,
  valueOffset: number,
  error?: string,
): Avp {
  const value = Buffer.from(bytes);
  return {
    name: unknownName(key),
    key,
    value,
    display: displayValue(undefined, value),
    raw: value,
    hidden: false,
    offset,
    length,
    valueOffset,
    error,
  };
}
