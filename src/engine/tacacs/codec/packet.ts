import { sessionIdText, type FieldNode } from '../../packet-view';
import {
  decodeAcctReply,
  decodeAcctRequest,
  encodeAcctReply,
  encodeAcctRequest,
  type AcctReply,
  type AcctRequest,
} from './acct-body';
import {
  decodeAuthenContinue,
  decodeAuthenReply,
  decodeAuthenStart,
  encodeAuthenContinue,
  encodeAuthenReply,
  encodeAuthenStart,
  type AuthenContinue,
  type AuthenReply,
  type AuthenStart,
  type BodyOptions,
} from './authen-body';
import {
  decodeAuthorRequest,
  decodeAuthorResponse,
  encodeAuthorRequest,
  encodeAuthorResponse,
  type AuthorRequest,
  type AuthorResponse,
} from './author-body';
import { Flags, HEADER_LENGTH, MAJOR_VERSION, PacketType, flagNames, typeName } from './constants';
import { obfuscate, obfuscateInPlace } from './obfuscation';
import { DecodeError, Reader } from './reader';
import { Writer } from './writer';

/** §4.1 The TACACS+ packet header. */
export interface Header {
  major: number;
  minor: number;
  type: number;
  seqNo: number;
  flags: number;
  sessionId: number;
  /** Body length from the header. */
  length: number;
}

export type Body =
  AuthenStart | AuthenReply | AuthenContinue | AuthorRequest | AuthorResponse | AcctRequest | AcctReply;
export interface Packet {
  header: Header;
  body: Body;
}

export interface DecodeOptions extends BodyOptions {
  /** Refuse larger bodies (default 64 KiB); the framer applies the same limit before buffering. */
  maxBodyLength?: number;
}

export const DEFAULT_MAX_BODY = 65536;

export function decodeHeader(
  bytes: Uint8Array,
  spans?: FieldNode[],
  maxBodyLength = DEFAULT_MAX_BODY,
): Header {
  let version: number, type: number, seqNo: number, flags: number;
  if (!spans && bytes.length >= HEADER_LENGTH) {
    // The server's per-packet path: plain reads, no cursor (the checks below still apply).
    version = bytes[0]!;
    type = bytes[1]!;
    seqNo = bytes[2]!;
    flags = bytes[3]!;
  } else {
    const r = new Reader(bytes.subarray(0, HEADER_LENGTH), 0, spans);
    version = r.u8('version', showVersion);
    type = r.u8('type', typeName);
    seqNo = r.u8('seq_no');
    flags = r.u8('flags', flagNames);
    r.need(4, 'session_id');
    r.bytes('session_id', 4, (b) => sessionHex(word(b, 0)));
    r.need(4, 'length');
    r.bytes('length', 4, (b) => String(word(b, 0)));
  }
  const sessionId = word(bytes, 4);
  const length = word(bytes, 8);
  checkVersion(version);
  if (type < PacketType.AUTHEN || type > PacketType.ACCT) {
    throw new DecodeError(
      'bad-type',
      1,
      'type',
      `packet type 0x${type.toString(16)} is not authen, author or acct`,
    );
  }
  checkBodyLength(length, maxBodyLength);
  return { major: version >> 4, minor: version & 0xf, type, seqNo, flags, sessionId, length };
}

/**
 * The header rules the framer needs before it can cut a stream into packets (decodeHeader applies
 * the same ones): one implementation, so the stream and the packet cannot disagree.
 */
export function checkVersion(versionByte: number): void {
  if (versionByte >> 4 !== MAJOR_VERSION)
    throw new DecodeError(
      'bad-version',
      0,
      'version',
      `first byte 0x${versionByte.toString(16)} is not a TACACS+ header (major version 0x${(versionByte >> 4).toString(16)}, expected 0xc)`,
    );
}

export function checkBodyLength(length: number, maxBodyLength: number): void {
  if (length > maxBodyLength)
    throw new DecodeError(
      'too-long',
      8,
      'length',
      `body length ${length} exceeds the limit of ${maxBodyLength} bytes`,
    );
}

const showVersion = (v: number): string => `major 0x${(v >> 4).toString(16)}, minor ${v & 0xf}`;
const word = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

export const sessionHex = sessionIdText;
export const versionByte = (h: Pick<Header, 'major' | 'minor'>): number =>
  ((h.major & 0xf) << 4) | (h.minor & 0xf);

/** Which body a packet carries: by type and seq_no parity (odd from the client, §4.1). */
export function decodeBody(h: Header, plain: Uint8Array, opts: BodyOptions = {}, spans?: FieldNode[]): Body {
  const r = new Reader(plain, HEADER_LENGTH, spans);
  const fromClient = h.seqNo % 2 === 1;
  if (h.type === PacketType.AUTHEN) {
    if (!fromClient) return decodeAuthenReply(r);
    return h.seqNo === 1 ? decodeAuthenStart(r, opts) : decodeAuthenContinue(r, opts);
  }
  if (h.type === PacketType.AUTHOR) return fromClient ? decodeAuthorRequest(r) : decodeAuthorResponse(r);
  return fromClient ? decodeAcctRequest(r) : decodeAcctReply(r);
}

/** The body as on the wire, deobfuscated when obfuscated and a key is given. */
export function plainBody(h: Header, bytes: Uint8Array, key: string | undefined): Uint8Array {
  const body = bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + h.length);
  if (h.flags & Flags.UNENCRYPTED || key === undefined) return body;
  return obfuscate(body, h.sessionId, key, versionByte(h), h.seqNo);
}

/** Decodes one whole packet (header + exactly `length` body bytes). Throws only DecodeError. */
export function decodePacket(
  bytes: Uint8Array,
  key: string | undefined,
  opts: DecodeOptions = {},
  spans?: FieldNode[],
): Packet {
  const hs: FieldNode[] | undefined = spans ? [] : undefined;
  let header: Header;
  try {
    header = decodeHeader(bytes, hs, opts.maxBodyLength);
  } finally {
    if (spans && hs)
      spans.push({ label: 'Header', offset: 0, length: Math.min(bytes.length, HEADER_LENGTH), children: hs });
  }
  return decodeAfterHeader(header, bytes, key, opts, spans);
}

/**
 * The rest of decodePacket for a caller that has decoded the header already (the server checks
 * flags and seq_no between the two): the header is read once per packet.
 */
export function decodeAfterHeader(
  header: Header,
  bytes: Uint8Array,
  key: string | undefined,
  opts: DecodeOptions = {},
  spans?: FieldNode[],
): Packet {
  if (bytes.length !== HEADER_LENGTH + header.length) {
    throw new DecodeError(
      'length-mismatch',
      8,
      'length',
      `header says ${header.length} body bytes, packet has ${bytes.length - HEADER_LENGTH}`,
    );
  }
  const bs: FieldNode[] | undefined = spans ? [] : undefined;
  try {
    return { header, body: decodeBody(header, plainBody(header, bytes, key), opts, bs) };
  } finally {
    if (spans && bs)
      spans.push({ label: bodyLabel(header), offset: HEADER_LENGTH, length: header.length, children: bs });
  }
}

function bodyLabel(h: Header): string {
  const dir = h.seqNo % 2 === 1;
  if (h.type === PacketType.AUTHEN)
    return dir
      ? h.seqNo === 1
        ? 'Authentication START'
        : 'Authentication CONTINUE'
      : 'Authentication REPLY';
  if (h.type === PacketType.AUTHOR) return dir ? 'Authorization REQUEST' : 'Authorization RESPONSE';
  return dir ? 'Accounting REQUEST' : 'Accounting REPLY';
}

export function encodeBody(body: Body): Buffer {
  switch (body.kind) {
    case 'authen-start':
      return encodeAuthenStart(body);
    case 'authen-reply':
      return encodeAuthenReply(body);
    case 'authen-continue':
      return encodeAuthenContinue(body);
    case 'author-request':
      return encodeAuthorRequest(body);
    case 'author-response':
      return encodeAuthorResponse(body);
    case 'acct-request':
      return encodeAcctRequest(body);
    case 'acct-reply':
      return encodeAcctReply(body);
  }
}

export const typeOfBody = (b: Body): number =>
  b.kind.startsWith('authen')
    ? PacketType.AUTHEN
    : b.kind.startsWith('author')
      ? PacketType.AUTHOR
      : PacketType.ACCT;

/** Encodes a packet; obfuscates the body with `key` unless the UNENCRYPTED flag is set (§4.5). */
export function encodePacket(
  h: Omit<Header, 'length' | 'type'>,
  body: Body,
  key: string | undefined,
): Buffer {
  const plain = encodeBody(body);
  const flags = key === undefined ? h.flags | Flags.UNENCRYPTED : h.flags;
  const w = new Writer(HEADER_LENGTH + plain.length);
  w.u8(versionByte(h))
    .u8(typeOfBody(body))
    .u8(h.seqNo)
    .u8(flags)
    .u32(h.sessionId)
    .u32(plain.length)
    .bytes(plain);
  // Obfuscated where it lies in the packet: no third buffer for the obfuscated body.
  if (!(flags & Flags.UNENCRYPTED) && key !== undefined)
    obfuscateInPlace(w.buf, HEADER_LENGTH, plain.length, h.sessionId, key, versionByte(h), h.seqNo);
  return w.buf;
}
