import { AcctStatus, AuthenStatus, AuthorStatus, PacketType } from '../codec/constants';
import type { Body } from '../codec/packet';

const EMPTY = new Uint8Array(0);

/** The ERROR reply body for a packet type (§5.2, §6.2, §7.2). */
export function errorBody(type: number, serverMsg: string): Body {
  if (type === PacketType.AUTHEN)
    return { kind: 'authen-reply', status: AuthenStatus.ERROR, flags: 0, serverMsg, data: EMPTY };
  if (type === PacketType.AUTHOR)
    return { kind: 'author-response', status: AuthorStatus.ERROR, serverMsg, data: EMPTY, args: [] };
  return { kind: 'acct-reply', status: AcctStatus.ERROR, serverMsg, data: EMPTY };
}
