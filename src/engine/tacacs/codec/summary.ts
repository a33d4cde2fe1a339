import {
  AcctStatus,
  AuthenAction,
  AuthenStatus,
  AuthenType,
  AuthorStatus,
  PacketType,
  acctFlagNames,
  nameOf,
} from './constants';
import { avValue, avValues } from './av-pairs';
import type { Body } from './packet';
import type { TraceResult } from '../../packet-view';

/** One line per packet for the trace list: "Authen START PAP alice", "Author RESPONSE PASS_ADD". */
export function summarize(b: Body): string {
  switch (b.kind) {
    case 'authen-start': {
      const action = b.action === AuthenAction.LOGIN ? '' : ` ${nameOf(AuthenAction, b.action)}`;
      const svc = b.service === 2 ? ' enable' : '';
      return `Authen START${action} ${nameOf(AuthenType, b.authenType)}${svc}${b.user ? ` ${b.user}` : ''}`;
    }
    case 'authen-continue':
      return b.flags & 1 ? 'Authen CONTINUE ABORT' : 'Authen CONTINUE';
    case 'authen-reply':
      if (b.serverMsg && b.status !== AuthenStatus.PASS)
        return `Authen REPLY ${nameOf(AuthenStatus, b.status)} "${oneLine(b.serverMsg)}"`;
      // One string per status: every trace record in the ring would otherwise hold its own copy.
      return (replySummary[b.status] ??= `Authen REPLY ${nameOf(AuthenStatus, b.status)}`);
    case 'author-request': {
      const cmd = avValue(b.args, 'cmd');
      const what = cmd
        ? [cmd, ...avValues(b.args, 'cmd-arg')].join(' ').trim()
        : `service=${avValue(b.args, 'service') ?? '?'}`;
      return `Author REQUEST ${b.user} ${what}`;
    }
    case 'author-response':
      return `Author RESPONSE ${nameOf(AuthorStatus, b.status)}${b.args.length ? ` ${b.args.join(' ')}` : ''}`;
    case 'acct-request': {
      const cmd = avValue(b.args, 'cmd');
      return `Acct REQUEST ${acctFlagNames(b.flags)} ${b.user}${cmd ? ` ${[cmd, ...avValues(b.args, 'cmd-arg')].join(' ').trim()}` : ''}`;
    }
    case 'acct-reply':
      return `Acct REPLY ${nameOf(AcctStatus, b.status)}`;
  }
}

const replySummary: Record<number, string> = {};

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, 60);

/** The trace result of a reply body. */
export function resultOf(b: Body): TraceResult | undefined {
  if (b.kind === 'authen-reply') {
    if (b.status === AuthenStatus.PASS) return 'pass';
    if (b.status === AuthenStatus.FAIL) return 'fail';
    if (b.status === AuthenStatus.ERROR) return 'error';
    return 'info';
  }
  if (b.kind === 'author-response') {
    if (b.status === AuthorStatus.PASS_ADD || b.status === AuthorStatus.PASS_REPL) return 'pass';
    return b.status === AuthorStatus.FAIL ? 'fail' : 'error';
  }
  if (b.kind === 'acct-reply') return b.status === AcctStatus.SUCCESS ? 'pass' : 'error';
  return undefined;
}

/** The metric labels of a packet type and of an authentication status. */
export const kindOf = (type: number): 'authen' | 'author' | 'acct' =>
  type === PacketType.AUTHEN ? 'authen' : type === PacketType.AUTHOR ? 'author' : 'acct';
export const statusLabel = (s: number): 'pass' | 'fail' | 'error' =>
  s === 1 ? 'pass' : s === 2 ? 'fail' : 'error';
