import { Buffer } from 'node:buffer';
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AttrDef, AttrType } from '../dictionary/types';
import { valueNumber } from '../dictionary/dictionary';
import { DecodeError, EncodeError } from './errors';

/** A typed attribute value: text, numbers, 64-bit integers, raw bytes. Addresses and prefixes are text. */
export type AttrValue = string | number | bigint | Buffer;

const FIXED: Partial<Record<AttrType, number>> = {
  ipaddr: 4,
  ipv6addr: 16,
  integer: 4,
  date: 4,
  signed: 4,
  integer64: 8,
  ether: 6,
  byte: 1,
  short: 2,
  ifid: 8,
};

/** Decodes value bytes of a leaf type. Throws DecodeError when the length does not fit the type. */
export function decodeValue(type: AttrType, b: Buffer, offset: number, field: string): AttrValue {
  const want = FIXED[type];
  if (want !== undefined && b.length !== want)
    throw new DecodeError(
      'bad-value',
      offset,
      field,
      `${field}: ${type} needs ${want} bytes, got ${b.length}`,
    );
  switch (type) {
    case 'string':
      return b.toString('utf8');
    case 'ipaddr':
      return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
    case 'ipv6addr':
      return ipaddr.fromByteArray([...b]).toString();
    case 'combo-ip':
      if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
      if (b.length === 16) return ipaddr.fromByteArray([...b]).toString();
      throw new DecodeError(
        'bad-value',
        offset,
        field,
        `${field}: combo-ip needs 4 or 16 bytes, got ${b.length}`,
      );
    case 'ipv6prefix':
      return decodeV6Prefix(b, offset, field);
    case 'ipv4prefix':
      return decodeV4Prefix(b, offset, field);
    case 'integer':
    case 'date':
      return b.readUInt32BE(0);
    case 'signed':
      return b.readInt32BE(0);
    case 'integer64':
      return b.readBigUInt64BE(0);
    case 'byte':
      return b[0]!;
    case 'short':
      return b.readUInt16BE(0);
    case 'ether':
      return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
    case 'ifid':
      return [0, 2, 4, 6].map((i) => b.readUInt16BE(i).toString(16).padStart(4, '0')).join(':');
    default:
      return Buffer.from(b);
  }
}

/** RFC 3162 §2.3: Reserved, Prefix-Length (0..128), Prefix (only the significant bytes are required). */
function decodeV6Prefix(b: Buffer, offset: number, field: string): string {
  if (b.length < 2 || b.length > 18)
    throw new DecodeError(
      'bad-value',
      offset,
      field,
      `${field}: ipv6prefix needs 2..18 bytes, got ${b.length}`,
    );
  const bits = b[1]!;
  if (bits > 128 || Math.ceil(bits / 8) > b.length - 2)
    throw new DecodeError(
      'bad-value',
      offset + 1,
      field,
      `${field}: prefix length ${bits} does not fit ${b.length - 2} bytes`,
    );
  const addr = Buffer.alloc(16);
  b.copy(addr, 0, 2);
  return `${ipaddr.fromByteArray([...addr]).toString()}/${bits}`;
}

/** RFC 6572 §3.2: Reserved, Prefix-Length, 4-byte prefix. */
function decodeV4Prefix(b: Buffer, offset: number, field: string): string {
  if (b.length !== 6 || b[1]! > 32)
    throw new DecodeError('bad-value', offset, field, `${field}: ipv4prefix needs 6 bytes and length ≤ 32`);
  return `${b[2]}.${b[3]}.${b[4]}.${b[5]}/${b[1]}`;
}

/** Human display: VALUE names for integers, ISO time for dates, 0x-hex for bytes. */
export function displayValue(def: AttrDef | undefined, v: AttrValue): string {
  if (typeof v === 'number') {
    const name = def?.valueNames.get(v);
    if (name) return name;
    if (def?.type === 'date') return new Date(v * 1000).toISOString();
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return '0x' + v.toString('hex');
  return v;
}

/** The types whose Buffer values encodeValue passes through unchanged. */
const BYTES_TYPES: ReadonlySet<string> = new Set([
  'octets',
  'abinary',
  'tlv',
  'vsa',
  'evs',
  'extended',
  'long-extended',
]);

/** Encodes a value given by a person or the policy ("Administrative-User", "10.0.0.1", 0x… hex). */
export function encodeValue(
  def: Pick<AttrDef, 'name' | 'type' | 'values' | 'valueNames'>,
  input: AttrValue,
): Buffer {
  // Text, and bytes for a byte-typed attribute (EAP-Message, State, MPPE keys), the common cases:
  // answered before `bad` (a closure) is made, as the switch below would.
  if (def.type === 'string') return Buffer.isBuffer(input) ? input : Buffer.from(String(input), 'utf8');
  if (Buffer.isBuffer(input) && BYTES_TYPES.has(def.type)) return input;
  const bad = (why: string): never => {
    throw new EncodeError(`${def.name}: ${why}`);
  };
  const text = typeof input === 'string' ? input : undefined;
  switch (def.type) {
    case 'octets':
    case 'abinary':
    case 'tlv':
    case 'vsa':
    case 'evs':
    case 'extended':
    case 'long-extended':
      if (Buffer.isBuffer(input)) return input;
      if (text !== undefined && /^0x([0-9a-f]{2})*$/i.test(text)) return Buffer.from(text.slice(2), 'hex');
      return Buffer.from(String(input), 'utf8');
    case 'ipaddr':
      if (text === undefined || !isIPv4(text)) return bad(`"${String(input)}" is not an IPv4 address`);
      return Buffer.from(text.split('.').map(Number));
    case 'ipv6addr':
      if (text === undefined || !isIPv6(text)) return bad(`"${String(input)}" is not an IPv6 address`);
      return Buffer.from(ipaddr.parse(text).toByteArray());
    case 'combo-ip':
      if (text !== undefined && isIPv4(text)) return Buffer.from(text.split('.').map(Number));
      if (text !== undefined && isIPv6(text)) return Buffer.from(ipaddr.parse(text).toByteArray());
      return bad(`"${String(input)}" is not an IP address`);
    case 'ipv6prefix':
      return encodeV6Prefix(text, bad);
    case 'ipv4prefix': {
      const m = text ? /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(text) : null;
      if (!m || !isIPv4(m[1]!) || Number(m[2]) > 32) return bad(`"${String(input)}" is not an IPv4 prefix`);
      return Buffer.from([0, Number(m[2]), ...m[1]!.split('.').map(Number)]);
    }
    case 'integer':
    case 'date':
    case 'signed':
    case 'byte':
    case 'short':
      return encodeNumber(def, input, bad);
    case 'integer64': {
      let n: bigint;
      try {
        n = BigInt(typeof input === 'bigint' || typeof input === 'number' ? input : String(input));
      } catch {
        return bad(`"${String(input)}" is not an integer`);
      }
      if (n < 0n || n > 0xffffffffffffffffn) return bad('out of range for integer64');
      const b = Buffer.alloc(8);
      b.writeBigUInt64BE(n);
      return b;
    }
    case 'ether': {
      const hex = text?.replace(/[:.-]/g, '') ?? '';
      if (!/^[0-9a-f]{12}$/i.test(hex)) return bad(`"${String(input)}" is not a MAC address`);
      return Buffer.from(hex, 'hex');
    }
    case 'ifid': {
      const hex = text?.replace(/:/g, '') ?? '';
      if (!/^[0-9a-f]{16}$/i.test(hex))
        return bad(`"${String(input)}" is not an interface id (xxxx:xxxx:xxxx:xxxx)`);
      return Buffer.from(hex, 'hex');
    }
  }
}

function encodeV6Prefix(text: string | undefined, bad: (why: string) => never): Buffer {
  const m = text ? /^([0-9a-f:.]+)\/(\d+)$/i.exec(text) : null;
  if (!m || !isIPv6(m[1]!) || Number(m[2]) > 128) return bad(`"${text ?? ''}" is not an IPv6 prefix`);
  const bits = Number(m[2]);
  const bytes = ipaddr
    .parse(m[1]!)
    .toByteArray()
    .slice(0, Math.ceil(bits / 8));
  return Buffer.from([0, bits, ...bytes]);
}

function encodeNumber(
  def: Pick<AttrDef, 'name' | 'type' | 'values' | 'valueNames'>,
  input: AttrValue,
  bad: (why: string) => never,
): Buffer {
  let n: number | undefined;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'bigint') n = Number(input);
  else if (typeof input === 'string') {
    n = valueNumber(def as AttrDef, input.trim());
    if (n === undefined && def.type === 'date') {
      const t = Date.parse(input);
      if (!Number.isNaN(t)) n = Math.floor(t / 1000);
    }
  }
  if (n === undefined || !Number.isInteger(n)) {
    const names = [...def.values.keys()].slice(0, 8).join(', ');
    return bad(
      `"${String(input)}" is not a number${names ? ` or one of ${names}${def.values.size > 8 ? ', …' : ''}` : ''}`,
    );
  }
  const ranges: Record<string, [number, number, number]> = {
    integer: [0, 0xffffffff, 4],
    date: [0, 0xffffffff, 4],
    signed: [-0x80000000, 0x7fffffff, 4],
    byte: [0, 255, 1],
    short: [0, 0xffff, 2],
  };
  const [lo, hi, size] = ranges[def.type]!;
  if (n < lo || n > hi) return bad(`${n} is out of range ${lo}..${hi}`);
  const b = Buffer.alloc(size);
  if (def.type === 'signed') b.writeInt32BE(n);
  else b.writeUIntBE(n, 0, size);
  return b;
}
