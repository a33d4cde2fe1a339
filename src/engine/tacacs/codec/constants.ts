/** RFC 8907 wire constants, as `as const` tables with the RFC's spellings for display. */

export const HEADER_LENGTH = 12;
/** §4.1: major version 0xC; minor 0 (default) or 1 (PAP/CHAP/MS-CHAP START and their session). */
export const MAJOR_VERSION = 0xc;
export const MINOR_DEFAULT = 0x0;
export const MINOR_ONE = 0x1;

export const PacketType = { AUTHEN: 0x01, AUTHOR: 0x02, ACCT: 0x03 } as const;
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

export const Flags = { UNENCRYPTED: 0x01, SINGLE_CONNECT: 0x04 } as const;

export const AuthenAction = { LOGIN: 0x01, CHPASS: 0x02, SENDAUTH: 0x04 } as const;
export const AuthenType = {
  ASCII: 0x01,
  PAP: 0x02,
  CHAP: 0x03,
  ARAP: 0x04,
  MSCHAP: 0x05,
  MSCHAPV2: 0x06,
} as const;
export const AuthenService = {
  NONE: 0x00,
  LOGIN: 0x01,
  ENABLE: 0x02,
  PPP: 0x03,
  PT: 0x05,
  RCMD: 0x06,
  X25: 0x07,
  NASI: 0x08,
  FWPROXY: 0x09,
} as const;
export const AuthenStatus = {
  PASS: 0x01,
  FAIL: 0x02,
  GETDATA: 0x03,
  GETUSER: 0x04,
  GETPASS: 0x05,
  RESTART: 0x06,
  ERROR: 0x07,
  FOLLOW: 0x21,
} as const;
export const ReplyFlags = { NOECHO: 0x01 } as const;
export const ContinueFlags = { ABORT: 0x01 } as const;

/** §6.1 authen_method, shared by authorization and accounting. */
export const AuthenMethod = {
  NOT_SET: 0x00,
  NONE: 0x01,
  KRB5: 0x02,
  LINE: 0x03,
  ENABLE: 0x04,
  LOCAL: 0x05,
  TACACSPLUS: 0x06,
  GUEST: 0x08,
  RADIUS: 0x10,
  KRB4: 0x11,
  RCMD: 0x20,
} as const;
export const AuthorStatus = {
  PASS_ADD: 0x01,
  PASS_REPL: 0x02,
  FAIL: 0x10,
  ERROR: 0x11,
  FOLLOW: 0x21,
} as const;
export const AcctFlags = { START: 0x02, STOP: 0x04, WATCHDOG: 0x08 } as const;
export const AcctStatus = { SUCCESS: 0x01, ERROR: 0x02, FOLLOW: 0x21 } as const;

type Table = Readonly<Record<string, number>>;

const reverse = new WeakMap<Table, Map<number, string>>();

function names(table: Table): Map<number, string> {
  let m = reverse.get(table);
  if (!m) {
    m = new Map(Object.entries(table).map(([k, v]) => [v, k]));
    reverse.set(table, m);
  }
  return m;
}

/** "TAC_PLUS_AUTHEN_TYPE_PAP"-style display name, or "unknown (0x42)". Hot path: a cached reverse map. */
export function nameOf(table: Table, value: number, prefix = ''): string {
  const k = names(table).get(value);
  return k !== undefined ? prefix + k : `unknown (0x${value.toString(16).padStart(2, '0')})`;
}

export function isKnown(table: Table, value: number): boolean {
  return names(table).has(value);
}

export const typeName = (t: number): string => nameOf(PacketType, t, 'TAC_PLUS_');

export function flagNames(flags: number): string {
  const names: string[] = [];
  if (flags & Flags.UNENCRYPTED) names.push('UNENCRYPTED');
  if (flags & Flags.SINGLE_CONNECT) names.push('SINGLE_CONNECT');
  const rest = flags & ~(Flags.UNENCRYPTED | Flags.SINGLE_CONNECT);
  if (rest) names.push(`unknown 0x${rest.toString(16)}`);
  return names.length ? names.join(', ') : 'none';
}

export function acctFlagNames(flags: number): string {
  const names = Object.entries(AcctFlags)
    .filter(([, v]) => flags & v)
    .map(([k]) => k);
  return names.length ? names.join('+') : 'none';
}
