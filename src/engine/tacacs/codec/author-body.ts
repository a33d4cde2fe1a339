import { AuthenMethod, AuthenService, AuthenType, AuthorStatus, nameOf } from './constants';
import type { Reader } from './reader';
import { Writer, checkLen, toBytes } from './writer';

/** Fields shared by the authorization REQUEST (§6.1) and accounting REQUEST (§7.1). */
export interface RequestCommon {
  authenMethod: number;
  privLvl: number;
  authenType: number;
  service: number;
  user: string;
  port: string;
  remAddr: string;
  /** "service=shell", "cmd=show", "cmd-arg=version"; `=` mandatory, `*` optional (§6.1). */
  args: string[];
}

export interface AuthorRequest extends RequestCommon {
  kind: 'author-request';
}

/** §6.2 The Authorization RESPONSE packet body. */
export interface AuthorResponse {
  kind: 'author-response';
  status: number;
  serverMsg: string;
  data: Uint8Array;
  args: string[];
}

const show = (table: Readonly<Record<string, number>>, prefix: string) => (v: number) =>
  nameOf(table, v, prefix);

/** Decodes the common request layout after any leading fields (accounting has a flags byte first). */
export function decodeRequestCommon(r: Reader): RequestCommon {
  const authenMethod = r.u8('authen_method', show(AuthenMethod, 'TAC_PLUS_AUTHEN_METH_'));
  const privLvl = r.u8('priv_lvl');
  const authenType = r.u8('authen_type', show(AuthenType, 'TAC_PLUS_AUTHEN_TYPE_'));
  const service = r.u8('authen_service', show(AuthenService, 'TAC_PLUS_AUTHEN_SVC_'));
  const userLen = r.u8('user_len');
  const portLen = r.u8('port_len');
  const remLen = r.u8('rem_addr_len');
  const argCnt = r.u8('arg_cnt');
  const argLens = readArgLens(r, argCnt);
  const user = r.text('user', userLen);
  const port = r.text('port', portLen);
  const remAddr = r.text('rem_addr', remLen);
  const args = readArgs(r, argLens);
  return { authenMethod, privLvl, authenType, service, user, port, remAddr, args };
}

function readArgLens(r: Reader, count: number): number[] {
  const start = r.pos;
  const lens: number[] = [];
  for (let i = 0; i < count; i++) lens.push(r.u8(`arg_${i + 1}_len`));
  if (count > 0) r.group(`arg lengths (${count})`, start, count);
  return lens;
}

function readArgs(r: Reader, lens: readonly number[]): string[] {
  const start = r.pos;
  const args = lens.map((n, i) => r.text(`arg_${i + 1}`, n));
  if (lens.length > 0) r.group(`arguments (${lens.length})`, start, lens.length);
  return args;
}

export function decodeAuthorRequest(r: Reader): AuthorRequest {
  const common = decodeRequestCommon(r);
  r.end();
  return { kind: 'author-request', ...common };
}

export function encodeRequestCommon(m: RequestCommon, lead: number[] = []): Buffer {
  if (m.args.length > 255) throw new RangeError(`arg_cnt is ${m.args.length}; at most 255 arguments fit`);
  const user = checkLen('user', toBytes(m.user), 255);
  const port = checkLen('port', toBytes(m.port), 255);
  const rem = checkLen('rem_addr', toBytes(m.remAddr), 255);
  const args = m.args.map((a, i) => checkLen(`arg_${i + 1}`, toBytes(a), 255));
  const argBytes = args.reduce((n, a) => n + a.length, 0);
  const w = new Writer(lead.length + 8 + args.length + user.length + port.length + rem.length + argBytes);
  for (const b of lead) w.u8(b);
  w.u8(m.authenMethod).u8(m.privLvl).u8(m.authenType).u8(m.service);
  w.u8(user.length).u8(port.length).u8(rem.length).u8(args.length);
  for (const a of args) w.u8(a.length);
  w.bytes(user).bytes(port).bytes(rem);
  for (const a of args) w.bytes(a);
  return w.buf;
}

export const encodeAuthorRequest = (m: Omit<AuthorRequest, 'kind'>): Buffer => encodeRequestCommon(m);

export function decodeAuthorResponse(r: Reader): AuthorResponse {
  const status = r.u8('status', show(AuthorStatus, 'TAC_PLUS_AUTHOR_STATUS_'));
  const argCnt = r.u8('arg_cnt');
  const msgLen = r.u16('server_msg_len');
  const dataLen = r.u16('data_len');
  const argLens = readArgLens(r, argCnt);
  const serverMsg = r.text('server_msg', msgLen);
  const data = r.bytes('data', dataLen);
  const args = readArgs(r, argLens);
  r.end();
  return { kind: 'author-response', status, serverMsg, data, args };
}

export function encodeAuthorResponse(m: Omit<AuthorResponse, 'kind'>): Buffer {
  if (m.args.length > 255) throw new RangeError(`arg_cnt is ${m.args.length}; at most 255 arguments fit`);
  const msg = checkLen('server_msg', toBytes(m.serverMsg), 0xffff);
  const data = checkLen('data', m.data, 0xffff);
  const args = m.args.map((a, i) => checkLen(`arg_${i + 1}`, toBytes(a), 255));
  const argBytes = args.reduce((n, a) => n + a.length, 0);
  const w = new Writer(6 + args.length + msg.length + data.length + argBytes);
  w.u8(m.status).u8(args.length).u16(msg.length).u16(data.length);
  for (const a of args) w.u8(a.length);
  w.bytes(msg).bytes(data);
  for (const a of args) w.bytes(a);
  return w.buf;
}
