import {
  AcctFlags,
  AuthenAction,
  AuthenMethod,
  AuthenService,
  AuthenStatus,
  AuthenType,
  AuthorStatus,
  AcctStatus,
  isKnown,
} from './constants';
import type { Body } from './packet';

const VALID_ACCT_FLAGS: readonly number[] = [
  AcctFlags.START,
  AcctFlags.STOP,
  AcctFlags.WATCHDOG,
  AcctFlags.WATCHDOG | AcctFlags.START,
];

const avPair = (a: string): boolean => /^[^=*]+[=*]/.test(a);

/**
 * Whether a body that decoded with consistent lengths also has possible values. A body deobfuscated
 * with the wrong key is random bytes; lengths rarely add up, and these checks catch most that do
 * (the same idea as tacquito's detectBadSecret).
 */
export function plausible(b: Body): boolean {
  switch (b.kind) {
    case 'authen-start':
      return (
        isKnown(AuthenAction, b.action) &&
        isKnown(AuthenType, b.authenType) &&
        isKnown(AuthenService, b.service) &&
        b.privLvl <= 15
      );
    case 'authen-continue':
      return (b.flags & ~0x01) === 0;
    case 'authen-reply':
      return isKnown(AuthenStatus, b.status) && (b.flags & ~0x01) === 0;
    case 'author-request':
      return (
        isKnown(AuthenMethod, b.authenMethod) &&
        b.privLvl <= 15 &&
        isKnown(AuthenService, b.service) &&
        b.args.every(avPair)
      );
    case 'author-response':
      return isKnown(AuthorStatus, b.status) && b.args.every(avPair);
    case 'acct-request':
      return (
        VALID_ACCT_FLAGS.includes(b.flags) &&
        isKnown(AuthenMethod, b.authenMethod) &&
        b.privLvl <= 15 &&
        b.args.every(avPair)
      );
    case 'acct-reply':
      return isKnown(AcctStatus, b.status);
  }
}
