import {
  AuthenAction,
  AuthenService,
  AuthenStatus,
  AuthenType,
  ContinueFlags,
  ReplyFlags,
  nameOf,
} from './constants';
import { utf8, type Reader } from './reader';
import { Writer, checkLen, toBytes } from './writer';

/** §5.1 The Authentication START packet body. */
export interface AuthenStart {
  kind: 'authen-start';
  action: number;
  privLvl: number;
  authenType: number;
  service: number;
  user: string;
  port: string;
  remAddr: string;
  /** PAP: the password; CHAP/MS-CHAP: id + challenge + response; ASCII: optional password. */
  data: Uint8Array;
}

/** §5.2 The Authentication REPLY packet body. */
export interface AuthenReply {
  kind: 'authen-reply';
  status: number;
  flags: number;
  serverMsg: string;
  data: Uint8Array;
}

/** §5.3 The Authentication CONTINUE packet body. */
export interface AuthenContinue {
  kind: 'authen-continue';
  flags: number;
  /** The user's answer to the prompt (a username or a password). */
  userMsg: string;
  data: Uint8Array;
}

export interface BodyOptions {
  /** Show START data / CONTINUE user_msg in clear (lab-only trace.showSecrets). */
  reveal?: boolean;
  /** The CONTINUE answers a GETUSER prompt, so user_msg is a username, not a password. */
  continueIsUser?: boolean;
}

/** One shower per enum (decoders run per packet; a fresh closure per field read was garbage). */
const shows = new Map<string, (v: number) => string>();
const show = (table: Readonly<Record<string, number>>, prefix: string): ((v: number) => string) => {
  let f = shows.get(prefix);
  if (!f) shows.set(prefix, (f = (v: number) => nameOf(table, v, prefix)));
  return f;
};
const revealed = (b: Uint8Array): string => `${JSON.stringify(utf8(b))} (shown: trace.showSecrets is on)`;
const hiddenBytes = (b: Uint8Array): string => `hidden (${b.length} bytes)`;

export function decodeAuthenStart(r: Reader, o: BodyOptions = {}): AuthenStart {
  const action = r.u8('action', show(AuthenAction, 'TAC_PLUS_AUTHEN_'));
  const privLvl = r.u8('priv_lvl');
  const authenType = r.u8('authen_type', show(AuthenType, 'TAC_PLUS_AUTHEN_TYPE_'));
  const service = r.u8('authen_service', show(AuthenService, 'TAC_PLUS_AUTHEN_SVC_'));
  const userLen = r.u8('user_len');
  const portLen = r.u8('port_len');
  const remLen = r.u8('rem_addr_len');
  const dataLen = r.u8('data_len');
  const user = r.text('user', userLen);
  const port = r.text('port', portLen);
  const remAddr = r.text('rem_addr', remLen);
  // PAP and ASCII carry the password here; CHAP-style data is a one-way response, safe to show.
  const sensitive = authenType === AuthenType.PAP || authenType === AuthenType.ASCII;
  const shown = !sensitive ? undefined : o.reveal ? revealed : hiddenBytes;
  const data = r.bytes('data', dataLen, shown, sensitive);
  r.end();
  return { kind: 'authen-start', action, privLvl, authenType, service, user, port, remAddr, data };
}

export function encodeAuthenStart(m: Omit<AuthenStart, 'kind'>): Buffer {
  const user = checkLen('user', toBytes(m.user), 255);
  const port = checkLen('port', toBytes(m.port), 255);
  const rem = checkLen('rem_addr', toBytes(m.remAddr), 255);
  const data = checkLen('data', m.data, 255);
  const w = new Writer(8 + user.length + port.length + rem.length + data.length);
  w.u8(m.action).u8(m.privLvl).u8(m.authenType).u8(m.service);
  w.u8(user.length).u8(port.length).u8(rem.length).u8(data.length);
  return w.bytes(user).bytes(port).bytes(rem).bytes(data).buf;
}

export function decodeAuthenReply(r: Reader): AuthenReply {
  const status = r.u8('status', show(AuthenStatus, 'TAC_PLUS_AUTHEN_STATUS_'));
  const flags = r.u8('flags', (v) =>
    v & ReplyFlags.NOECHO ? 'NOECHO' : v === 0 ? 'none' : `0x${v.toString(16)}`,
  );
  const msgLen = r.u16('server_msg_len');
  const dataLen = r.u16('data_len');
  const serverMsg = r.text('server_msg', msgLen);
  const data = r.bytes('data', dataLen);
  r.end();
  return { kind: 'authen-reply', status, flags, serverMsg, data };
}

export function encodeAuthenReply(m: Omit<AuthenReply, 'kind'>): Buffer {
  const msg = checkLen('server_msg', toBytes(m.serverMsg), 0xffff);
  const data = checkLen('data', m.data, 0xffff);
  const w = new Writer(6 + msg.length + data.length);
  w.u8(m.status).u8(m.flags).u16(msg.length).u16(data.length);
  return w.bytes(msg).bytes(data).buf;
}

export function decodeAuthenContinue(r: Reader, o: BodyOptions = {}): AuthenContinue {
  const msgLen = r.u16('user_msg_len');
  const dataLen = r.u16('data_len');
  const flags = r.u8('flags', (v) =>
    v & ContinueFlags.ABORT ? 'ABORT' : v === 0 ? 'none' : `0x${v.toString(16)}`,
  );
  const sensitive = !o.continueIsUser;
  const userMsg = r.text('user_msg', msgLen, sensitive && !o.reveal, sensitive);
  const data = r.bytes('data', dataLen);
  r.end();
  return { kind: 'authen-continue', flags, userMsg, data };
}

export function encodeAuthenContinue(m: Omit<AuthenContinue, 'kind'>): Buffer {
  const msg = checkLen('user_msg', toBytes(m.userMsg), 0xffff);
  const data = checkLen('data', m.data, 0xffff);
  const w = new Writer(5 + msg.length + data.length);
  w.u16(msg.length).u16(data.length).u8(m.flags);
  return w.bytes(msg).bytes(data).buf;
}
