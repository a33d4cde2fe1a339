import { AcctStatus, acctFlagNames, nameOf } from './constants';
import { decodeRequestCommon, encodeRequestCommon, type RequestCommon } from './author-body';
import type { Reader } from './reader';
import { Writer, checkLen, toBytes } from './writer';

/** §7.1 The Account REQUEST packet body. */
export interface AcctRequest extends RequestCommon {
  kind: 'acct-request';
  /** START 0x02, STOP 0x04, WATCHDOG 0x08 (§7.2 lists the valid combinations). */
  flags: number;
}

/** §7.2 The Accounting REPLY packet body. */
export interface AcctReply {
  kind: 'acct-reply';
  status: number;
  serverMsg: string;
  data: Uint8Array;
}

export function decodeAcctRequest(r: Reader): AcctRequest {
  const flags = r.u8('flags', acctFlagNames);
  const common = decodeRequestCommon(r);
  r.end();
  return { kind: 'acct-request', flags, ...common };
}

export const encodeAcctRequest = (m: Omit<AcctRequest, 'kind'>): Buffer => encodeRequestCommon(m, [m.flags]);

export function decodeAcctReply(r: Reader): AcctReply {
  const msgLen = r.u16('server_msg_len');
  const dataLen = r.u16('data_len');
  const status = r.u8('status', (v) => nameOf(AcctStatus, v, 'TAC_PLUS_ACCT_STATUS_'));
  const serverMsg = r.text('server_msg', msgLen);
  const data = r.bytes('data', dataLen);
  r.end();
  return { kind: 'acct-reply', status, serverMsg, data };
}

export function encodeAcctReply(m: Omit<AcctReply, 'kind'>): Buffer {
  const msg = checkLen('server_msg', toBytes(m.serverMsg), 0xffff);
  const data = checkLen('data', m.data, 0xffff);
  const w = new Writer(5 + msg.length + data.length);
  w.u16(msg.length).u16(data.length).u8(m.status);
  return w.bytes(msg).bytes(data).buf;
}
