import { BoundedMemo } from '../../bounded';
import type { Dictionary } from '../dictionary/dictionary';
import { expandAttributes, type ExpandedAttributes, type TopAttr } from './attributes';
import { plainAvp, type Avp } from './avp';
import { indexAttributes, type AttributeIndex } from './attribute-index';
import { codeName } from './constants';
import { unhidePassword, unhideSalted } from './hiding';
import type { AttrValue } from './values';
import { decodeValue } from './values';

/** A decoded packet: header, where its attributes are, and the dictionary view of them. */
export interface RadiusMessage {
  code: number;
  codeName: string;
  identifier: number;
  authenticator: Buffer;
  /** The packet cut to its Length field. */
  bytes: Buffer;
  index: AttributeIndex;
  attributes: ExpandedAttributes;
}

/**
 * Strict decode (DecodeError on bad lengths); trailing padding past Length is dropped (RFC 2865 §3).
 * `record` sees each top-level attribute as it is decoded (see expandAttributes).
 */
export function decodeMessage(
  datagram: Buffer,
  dict: Dictionary,
  record?: (t: TopAttr) => void,
): RadiusMessage {
  const index = indexAttributes(datagram);
  const bytes = index.bytes;
  return {
    code: bytes[0]!,
    codeName: codeName(bytes[0]!),
    identifier: bytes[1]!,
    authenticator: bytes.subarray(4, 20),
    bytes,
    index,
    attributes: expandAttributes(index, dict, record),
  };
}

/**
 * A checked packet whose attributes are decoded on demand: `attributes` on first use, and
 * getAvp/getAll look plain top-level attributes up in the index until then. A server reads a
 * handful of attributes per request; decoding all of them (an object, a Buffer view and display
 * text each) was most of the garbage per RADIUS request.
 */
class LazyMessage implements RadiusMessage {
  readonly code: number;
  readonly codeName: string;
  readonly identifier: number;
  readonly authenticator: Buffer;
  readonly bytes: Buffer;
  #attributes?: ExpandedAttributes;

  constructor(
    readonly index: AttributeIndex,
    readonly dict: Dictionary,
  ) {
    const bytes = (this.bytes = index.bytes);
    this.code = bytes[0]!;
    this.codeName = codeName(this.code);
    this.identifier = bytes[1]!;
    this.authenticator = bytes.subarray(4, 20);
  }

  get attributes(): ExpandedAttributes {
    return (this.#attributes ??= expandAttributes(this.index, this.dict));
  }

  get expanded(): boolean {
    return this.#attributes !== undefined;
  }
}

/**
 * Like decodeMessage (same checks, same DecodeErrors, the same values from getAvp/getAll), but
 * attributes are decoded when first asked for: for servers, which read a few per request.
 */
export function decodeMessageLazy(datagram: Buffer, dict: Dictionary): RadiusMessage {
  return new LazyMessage(indexAttributes(datagram), dict);
}

/**
 * The top-level type an attribute name stands for when it is a plain one (not Vendor-Specific, not
 * extended), else -1 (VENDOR for a vendor attribute): those can be found in a lazy message's bytes
 * without expanding it.
 */
function plainType(dict: Dictionary, name: string): number {
  let types = PLAIN_TYPES.get(dict);
  if (!types) PLAIN_TYPES.set(dict, (types = new BoundedMemo(4096)));
  let t = types.get(name);
  if (t === undefined) {
    const def = dict.byName(name);
    const n = def && /^\d+$/.test(def.key) ? Number(def.key) : -1;
    t = n > 0 && n < 256 && n !== 26 && (n < 241 || n > 246) ? n : def?.key.startsWith('26.') ? VENDOR : -1;
    types.set(name, t);
  }
  return t;
}
const VENDOR = -26;

/** A vendor attribute (MS-CHAP-Challenge …) asked of a packet without any Vendor-Specific: absent,
 * known without expanding the packet (an EAP round asks for MS-CHAP's on every request). */
const noVendor = (m: LazyMessage, type: number): boolean => type === VENDOR && m.index.find(26) < 0;
const PLAIN_TYPES = new WeakMap<Dictionary, BoundedMemo<string, number>>();

/**
 * The first Avp of `type` whose name matches, from the index in packet order; with `all`, every one
 * of them is pushed there instead.
 */
function scanPlain(m: LazyMessage, type: number, name: string, all?: Avp[]): Avp | undefined {
  const index = m.index;
  for (let i = index.find(type); i >= 0; i = index.find(type, i + 1)) {
    const avp = plainAvp(m.dict, type, index.value(i), index.offset(i));
    if (avp.name !== name && lowerCase(avp.name) !== lowerCase(name)) continue;
    if (!all) return avp;
    all.push(avp);
  }
  return undefined;
}

/**
 * Names match case-insensitively (dictionaries do). The server looks up several names per request,
 * most of them spelled as the dictionary spells them: those match by plain comparison; the
 * lower-case forms (cached, both sides) are compared only when that finds nothing.
 */
export function getAvp(m: RadiusMessage, name: string): Avp | undefined {
  if (m instanceof LazyMessage && !m.expanded) {
    const type = plainType(m.dict, name);
    if (type >= 0) return scanPlain(m, type, name);
    if (noVendor(m, type)) return undefined;
  }
  const avps = m.attributes.avps;
  for (const a of avps) if (a.name === name) return a;
  const lower = lowerCase(name);
  for (const a of avps) if (lowerCase(a.name) === lower) return a;
  return undefined;
}

export function getAll(m: RadiusMessage, name: string): Avp[] {
  if (m instanceof LazyMessage && !m.expanded) {
    const type = plainType(m.dict, name);
    if (type >= 0) {
      const all: Avp[] = [];
      scanPlain(m, type, name, all);
      return all;
    }
    if (noVendor(m, type)) return [];
  }
  const lower = lowerCase(name);
  return m.attributes.avps.filter((a) => a.name === name || lowerCase(a.name) === lower);
}

/**
 * The definition of a plain top-level type when every instance of it decodes to an Avp of that
 * name whose `raw` is the attribute's value bytes (no tag, not hidden, not a TLV, whose malformed
 * members turn it into an unnamed opaque Avp), and `name` is its name: then presence and raw bytes
 * come straight from the index.
 */
function simpleDef(m: LazyMessage, type: number, name: string): boolean {
  const def = m.dict.byType(type);
  if (!def || def.type === 'tlv' || def.hasTag || def.encrypt !== 0) return false;
  return def.name === name || lowerCase(def.name) === lowerCase(name);
}

/** `getAvp(m, name) !== undefined`, without decoding the attribute (EAP-Message, State checks). */
export function hasAvp(m: RadiusMessage, name: string): boolean {
  if (m instanceof LazyMessage && !m.expanded) {
    const type = plainType(m.dict, name);
    if (type >= 0 && simpleDef(m, type, name)) return m.index.find(type) >= 0;
    if (noVendor(m, type)) return false;
  }
  return getAvp(m, name) !== undefined;
}

/** `getAvp(m, name)?.raw` (the same bytes), without decoding the attribute where the index can tell. */
export function getRaw(m: RadiusMessage, name: string): Buffer | undefined {
  if (m instanceof LazyMessage && !m.expanded) {
    const type = plainType(m.dict, name);
    if (type >= 0 && simpleDef(m, type, name)) {
      const i = m.index.find(type);
      return i < 0 ? undefined : m.index.value(i);
    }
  }
  return getAvp(m, name)?.raw;
}

/** `getAll(m, name).map((a) => a.raw)` (the same bytes), without decoding where the index can tell. */
export function getAllRaw(m: RadiusMessage, name: string): Buffer[] {
  if (m instanceof LazyMessage && !m.expanded) {
    const type = plainType(m.dict, name);
    if (type >= 0 && simpleDef(m, type, name)) {
      const out: Buffer[] = [];
      const index = m.index;
      for (let i = index.find(type); i >= 0; i = index.find(type, i + 1)) out.push(index.value(i));
      return out;
    }
  }
  return getAll(m, name).map((a) => a.raw);
}

const NOT_PLAIN = Symbol('not a plain string attribute');

/**
 * getString for a plain `string` attribute (User-Name, Acct-Session-Id …) of a lazy message: the
 * text straight from the bytes, as scanPlain + decodeValue would give it, without the Avp and the
 * view they allocate. NOT_PLAIN: anything else (tagged, hidden, another type) takes getAvp's path.
 */
function plainText(m: LazyMessage, name: string): string | undefined | typeof NOT_PLAIN {
  const type = plainType(m.dict, name);
  if (type < 0) return NOT_PLAIN;
  const def = m.dict.byType(type);
  if (!def || def.type !== 'string' || def.hasTag || def.encrypt !== 0) return NOT_PLAIN;
  if (def.name !== name && lowerCase(def.name) !== lowerCase(name)) return undefined;
  const i = m.index.find(type);
  if (i < 0) return undefined;
  const off = m.index.offset(i);
  return m.bytes.toString('utf8', off + 2, off + m.index.length(i));
}

const lowered = new BoundedMemo<string, string>(4096);
const toLower = (s: string): string => s.toLowerCase();
const lowerCase = (s: string): string => lowered.fetch(s, toLower);

export function getString(m: RadiusMessage, name: string): string | undefined {
  if (m instanceof LazyMessage && !m.expanded) {
    const text = plainText(m, name);
    if (text !== NOT_PLAIN) return text;
  }
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
