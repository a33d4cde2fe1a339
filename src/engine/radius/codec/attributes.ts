import { Buffer } from 'node:buffer';
import type { Dictionary } from '../dictionary/dictionary';
import type { VendorDef } from '../dictionary/types';
import type { AttributeIndex } from './attribute-index';
import { leaf, opaque, plainAvp, type Avp } from './avp';
import { DecodeError } from './errors';

/**
 * Dictionary-aware view of a packet's attributes (each an Avp, see avp.ts): VSAs (RFC 2865 §5.26,
 * vendor `format=`), RFC 6929 extended and long-extended (fragments joined), extended
 * vendor-specific. A malformed attribute never fails the packet: it is kept as octets with `error`.
 */
/** One top-level attribute and what it carried: the unit the dissection tree shows. */
export interface TopAttr {
  type: number;
  offset: number;
  length: number;
  vendor?: number;
  vendorName?: string;
  extType?: number;
  /** Long-extended fragment whose data continues in the next attribute. */
  more?: boolean;
  avps: Avp[];
  error?: string;
}

export interface ExpandedAttributes {
  top: TopAttr[];
  /** Every leaf attribute in packet order (VSA members flattened). */
  avps: Avp[];
}

/**
 * The full decode: every attribute of a checked packet, from its index. `record` sees each top-level
 * attribute as it is decoded, in packet order: the dissector builds its field tree that way, on
 * this pass, rather than walking the result again.
 */
export function expandAttributes(
  index: AttributeIndex,
  dict: Dictionary,
  record?: (t: TopAttr) => void,
): ExpandedAttributes {
  // Sized to the attribute count up front (trimmed at the end): growing them by push allocated
  // and copied on every packet.
  const n = index.count;
  const top = new Array<TopAttr>(n);
  const avps = new Array<Avp>(n);
  let nTop = 0;
  let nAvps = 0;
  for (let i = 0; i < n; i++) {
    const type = index.type(i);
    const offset = index.offset(i);
    const value = index.value(i);
    const t: TopAttr = { type, offset, length: value.length + 2, avps: [] };
    top[nTop++] = t;
    if (type === 26 || (type >= 241 && type <= 246)) {
      try {
        if (type === 26) expandVsa(value, offset, dict, t);
        else i = expandExtended(index, i, dict, t);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        t.error = e.message;
        t.avps = [
          opaque(
            type === 26 ? `26${vendorSuffix(value)}` : String(type),
            value,
            offset,
            value.length + 2,
            offset + 2,
            e.message,
          ),
        ];
      }
    } else {
      const avp = plainAvp(dict, type, value, offset);
      if (avp.error !== undefined && avp.def === undefined) t.error = avp.error;
      t.avps = [avp];
    }
    for (const x of t.avps) avps[nAvps++] = x;
    record?.(t);
  }
  top.length = nTop;
  avps.length = nAvps;
  return { top, avps };
}

function vendorSuffix(v: Buffer): string {
  return v.length >= 4 ? `.${v.readUInt32BE(0)}` : '';
}

function expandVsa(v: Buffer, offset: number, dict: Dictionary, t: TopAttr): void {
  if (v.length < 4)
    throw new DecodeError(
      'vsa-malformed',
      offset,
      'Vendor-Specific',
      `Vendor-Specific is ${v.length} bytes, needs a 4-byte Vendor-Id`,
    );
  const vendorId = v.readUInt32BE(0);
  if ((vendorId & 0xff000000) !== 0)
    throw new DecodeError(
      'vsa-malformed',
      offset + 2,
      'Vendor-Id',
      `Vendor-Id high byte must be 0 (RFC 2865 §5.26)`,
    );
  t.vendor = vendorId;
  const vendor = dict.vendor(vendorId);
  t.vendorName = vendor?.name;
  const fmt: VendorDef = vendor ?? {
    id: vendorId,
    name: String(vendorId),
    typeLength: 1,
    lengthLength: 1,
    continuation: false,
  };
  t.avps = vendorMembers(v.subarray(4), offset + 6, fmt, `26.${vendorId}`, dict);
}

/** Sub-attributes inside a vendor space, per the vendor's `format=t,l[,c]`. */
function vendorMembers(data: Buffer, base: number, fmt: VendorDef, prefix: string, dict: Dictionary): Avp[] {
  const out: Avp[] = [];
  const hl = fmt.typeLength + fmt.lengthLength + (fmt.continuation ? 1 : 0);
  let off = 0;
  while (off < data.length) {
    if (off + hl > data.length)
      throw new DecodeError(
        'vsa-malformed',
        base + off,
        'Vendor-Type',
        `vendor ${fmt.name}: sub-attribute header runs past the end`,
      );
    const type =
      fmt.typeLength === 1
        ? data[off]!
        : fmt.typeLength === 2
          ? data.readUInt16BE(off)
          : data.readUInt32BE(off);
    let len = data.length - off;
    if (fmt.lengthLength === 1) len = data[off + fmt.typeLength]!;
    else if (fmt.lengthLength === 2) len = data.readUInt16BE(off + fmt.typeLength);
    if (len < hl || off + len > data.length) {
      throw new DecodeError(
        'vsa-malformed',
        base + off + fmt.typeLength,
        'Vendor-Length',
        `vendor ${fmt.name}: sub-attribute ${type} Length ${len} is invalid`,
      );
    }
    const key = `${prefix}.${type}`;
    out.push(
      leaf(dict, dict.byKey(key), key, data.subarray(off + hl, off + len), base + off, len, base + off + hl),
    );
    off += len;
  }
  return out;
}

function expandExtended(index: AttributeIndex, i: number, dict: Dictionary, t: TopAttr): number {
  const type = t.type;
  const offset = t.offset;
  const value = index.value(i);
  const long = type >= 245;
  const min = long ? 2 : 1;
  if (value.length < min)
    throw new DecodeError(
      'extended-malformed',
      offset + 1,
      'Extended-Type',
      `extended attribute ${type} is too short`,
    );
  const ext = value[0]!;
  t.extType = ext;
  let data = value.subarray(min);
  let j = i;
  if (long) {
    // RFC 6929 §2.2: M flag set → the next attribute with the same Type and Extended-Type continues it.
    const parts = [data];
    while ((index.value(j)[1]! & 0x80) !== 0) {
      const next = j + 1 < index.count ? index.value(j + 1) : undefined;
      if (!next || index.type(j + 1) !== type || next.length < 2 || next[0] !== ext) {
        throw new DecodeError(
          'extended-malformed',
          index.offset(j),
          'Extended-Flags',
          `long-extended ${type}.${ext}: M flag set but no continuation follows`,
        );
      }
      j++;
      parts.push(next.subarray(2));
    }
    data = parts.length > 1 ? Buffer.concat(parts) : data;
    t.length = index.offset(j) + index.length(j) - offset;
  }
  const key = `${type}.${ext}`;
  const def = dict.byKey(key);
  if (ext === 26 || def?.type === 'evs') {
    if (data.length < 5)
      throw new DecodeError(
        'extended-malformed',
        offset + 2 + min,
        'EVS',
        `extended vendor-specific ${key} is too short`,
      );
    const vendorId = data.readUInt32BE(0);
    const evsType = data[4]!;
    t.vendor = vendorId;
    t.vendorName = dict.vendor(vendorId)?.name;
    const k = `${key}.${vendorId}.${evsType}`;
    t.avps = [leaf(dict, dict.byKey(k), k, data.subarray(5), offset, t.length, offset + 2 + min + 5)];
  } else {
    t.avps = [leaf(dict, def, key, data, offset, t.length, offset + 2 + min)];
  }
  return j;
}
