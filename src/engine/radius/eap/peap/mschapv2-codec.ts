import { Buffer } from 'node:buffer';
import type { FieldNode } from '../../../packet-view';

/**
 * EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2-02 §2, type 26): OpCode, MS-CHAPv2-ID, MS-Length,
 * then Value-Size/Value/Name (Challenge, Response) or a text Message (Success, Failure). A peer's
 * acknowledgement of Success or Failure is the OpCode alone. Offsets are into the Type-Data
 * *with* its leading type byte (26), as PEAPv0 carries it.
 */
export const MSCHAPV2_OP = { Challenge: 1, Response: 2, Success: 3, Failure: 4, ChangePassword: 7 } as const;
const TYPE = 26;

export interface MschapV2Response {
  id: number;
  peerChallenge: Buffer;
  ntResponse: Buffer;
  flags: number;
  name: string;
}

export type MschapV2Message =
  { op: 'response'; response: MschapV2Response } | { op: 'success-ack' } | { op: 'failure-ack' };

export class MschapV2Error extends Error {}

function packet(op: number, id: number, body: Buffer): Buffer {
  const out = header(op, id, body.length);
  out.set(body, 5);
  return out;
}

/** Type, OpCode, MS-CHAPv2-ID and MS-Length (counted from the OpCode), with room for the body. */
function header(op: number, id: number, bodyLength: number): Buffer {
  const out = Buffer.allocUnsafe(5 + bodyLength); // every byte is written by the callers
  out[0] = TYPE;
  out[1] = op;
  out[2] = id;
  out.writeUInt16BE(4 + bodyLength, 3);
  return out;
}

/** The authenticator's messages are built in one Buffer: one is sent in every PEAP/TTLS round. */
export function encodeChallenge(id: number, challenge: Buffer, serverName: string): Buffer {
  const out = header(MSCHAPV2_OP.Challenge, id, 1 + challenge.length + Buffer.byteLength(serverName));
  out[5] = challenge.length;
  out.set(challenge, 6);
  out.write(serverName, 6 + challenge.length, 'utf8');
  return out;
}

function textPacket(op: number, id: number, text: string): Buffer {
  const out = header(op, id, Buffer.byteLength(text));
  out.write(text, 5, 'utf8');
  return out;
}

/** RFC 2759 §5: "S=<authenticator response> M=<message>". */
export function encodeSuccess(id: number, authenticatorResponse: string, message: string): Buffer {
  return textPacket(MSCHAPV2_OP.Success, id, `${authenticatorResponse} M=${message}`);
}

/** RFC 2759 §6: "E=691 R=0 C=<new challenge> V=3 M=<message>". */
export function encodeFailure(id: number, challenge: Buffer, message: string): Buffer {
  return textPacket(
    MSCHAPV2_OP.Failure,
    id,
    `E=691 R=0 C=${challenge.toString('hex').toUpperCase()} V=3 M=${message}`,
  );
}

/** A peer's EAP-MSCHAPv2 message (Type-Data starting at the type byte 26). */
export function decodePeerMessage(t: Buffer): MschapV2Message {
  if (t.length < 2 || t[0] !== TYPE)
    throw new MschapV2Error('not an EAP-MSCHAPv2 message (type 26 expected)');
  const op = t[1]!;
  if (op === MSCHAPV2_OP.Success) return { op: 'success-ack' };
  if (op === MSCHAPV2_OP.Failure) return { op: 'failure-ack' };
  if (op === MSCHAPV2_OP.ChangePassword)
    throw new MschapV2Error('the supplicant asked to change the password (not supported)');
  if (op !== MSCHAPV2_OP.Response) throw new MschapV2Error(`unexpected MS-CHAPv2 OpCode ${op}`);
  if (t.length < 6 + 49)
    throw new MschapV2Error(`MS-CHAPv2 Response too short (${t.length} bytes, at least 55 expected)`);
  const size = t[5]!;
  if (size !== 49) throw new MschapV2Error(`MS-CHAPv2 Response Value-Size ${size} (49 expected)`);
  return {
    op: 'response',
    response: {
      id: t[2]!,
      peerChallenge: t.subarray(6, 22),
      ntResponse: t.subarray(30, 54),
      flags: t[54]!,
      name: t.subarray(55).toString('utf8'),
    },
  };
}

const OP_NAMES: Record<number, string> = {
  1: 'Challenge',
  2: 'Response',
  3: 'Success',
  4: 'Failure',
  7: 'Change-Password',
};

export function mschapV2Summary(t: Buffer): string {
  const op = OP_NAMES[t[1] ?? 0] ?? `OpCode ${t[1]}`;
  if (t[1] === MSCHAPV2_OP.Response && t.length > 55)
    return `EAP-MSCHAPv2 Response (user ${t.subarray(55).toString('utf8')})`;
  return `EAP-MSCHAPv2 ${op}`;
}

/** The field tree of an EAP-MSCHAPv2 message at `base` in the inner bytes (NT-Response is secret:
 * with the challenges it allows an offline dictionary attack on the password). */
export function mschapV2Fields(t: Buffer, base: number): FieldNode[] {
  const f = (label: string, offset: number, length: number, value: string, secret = false): FieldNode => ({
    label,
    offset: base + offset,
    length,
    value,
    ...(secret ? { secret: true } : {}),
  });
  const op = t[1] ?? 0;
  const out = [
    f('Type', 0, 1, 'EAP-MSCHAPv2 (26)'),
    f('OpCode', 1, 1, `${OP_NAMES[op] ?? 'unknown'} (${op})`),
  ];
  if (t.length < 5) return out;
  out.push(f('MS-CHAPv2-ID', 2, 1, String(t[2])), f('MS-Length', 3, 2, String(t.readUInt16BE(3))));
  if (op === MSCHAPV2_OP.Challenge && t.length >= 6) {
    const n = t[5]!;
    out.push(
      f('Value-Size', 5, 1, String(n)),
      f('Authenticator-Challenge', 6, n, t.subarray(6, 6 + n).toString('hex')),
      f('Name', 6 + n, t.length - 6 - n, t.subarray(6 + n).toString('utf8')),
    );
  } else if (op === MSCHAPV2_OP.Response && t.length >= 55) {
    out.push(
      f('Value-Size', 5, 1, String(t[5])),
      f('Peer-Challenge', 6, 16, t.subarray(6, 22).toString('hex')),
      f('Reserved', 22, 8, t.subarray(22, 30).toString('hex')),
      f('NT-Response', 30, 24, t.subarray(30, 54).toString('hex'), true),
      f('Flags', 54, 1, String(t[54])),
      f('Name', 55, t.length - 55, t.subarray(55).toString('utf8')),
    );
  } else if (t.length > 5) {
    out.push(f('Message', 5, t.length - 5, t.subarray(5).toString('utf8')));
  }
  return out;
}

/** The authenticator's EAP-MSCHAPv2 message as a peer (the EAP test client) reads it. */
export type MschapV2ServerMessage =
  | { op: 'challenge'; id: number; challenge: Buffer; name: string }
  | { op: 'success'; id: number; message: string }
  | { op: 'failure'; id: number; message: string };

export function decodeServerMessage(t: Buffer): MschapV2ServerMessage {
  if (t.length < 5 || t[0] !== TYPE)
    throw new MschapV2Error('not an EAP-MSCHAPv2 message (type 26 with a 4-byte header expected)');
  const op = t[1]!;
  const id = t[2]!;
  if (op === MSCHAPV2_OP.Challenge) {
    const size = t[5] ?? 0;
    if (size !== 16 || t.length < 6 + size)
      throw new MschapV2Error(`MS-CHAPv2 Challenge Value-Size ${size} (16 expected) or cut short`);
    return { op: 'challenge', id, challenge: t.subarray(6, 22), name: t.subarray(22).toString('utf8') };
  }
  if (op === MSCHAPV2_OP.Success) return { op: 'success', id, message: t.subarray(5).toString('utf8') };
  if (op === MSCHAPV2_OP.Failure) return { op: 'failure', id, message: t.subarray(5).toString('utf8') };
  throw new MschapV2Error(`unexpected MS-CHAPv2 OpCode ${op} from the authenticator`);
}

/** RFC 2759 §4 / draft-kamath §2.2: the peer's Response (Value-Size 49: Peer-Challenge, 8 reserved
 * zero bytes, NT-Response, Flags 0), then the user name. */
export function encodeResponse(id: number, peerChallenge: Buffer, ntResponse: Buffer, name: string): Buffer {
  const value = Buffer.concat([peerChallenge, Buffer.alloc(8), ntResponse, Buffer.of(0)]);
  return packet(MSCHAPV2_OP.Response, id, Buffer.concat([Buffer.of(value.length), value, Buffer.from(name)]));
}

/** The peer's acknowledgement of Success or Failure: the OpCode alone. */
export function encodeAck(op: typeof MSCHAPV2_OP.Success | typeof MSCHAPV2_OP.Failure): Buffer {
  return Buffer.of(TYPE, op);
}
