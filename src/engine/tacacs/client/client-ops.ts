import { chapResponse } from '../../crypto/chap';
import {
  generateAuthenticatorResponse,
  generateNtResponse,
  ntChallengeResponseV1,
} from '../../crypto/mschap';
import {
  AcctFlags,
  AuthenAction,
  AuthenMethod,
  AuthenService,
  AuthenStatus,
  AuthenType,
  MINOR_DEFAULT,
  MINOR_ONE,
} from '../codec/constants';
import { randomChallenge, resultFrom, type ClientResult, type TacacsClient } from './client';
import type { Body } from '../codec/packet';

export type ClientAuthenType = 'ascii' | 'pap' | 'chap' | 'mschap' | 'mschapv2';

export interface AuthenticateRequest {
  type: ClientAuthenType;
  user: string;
  /** Several passwords answer successive GETPASS prompts (ASCII retries: wrong, then right). */
  password: string | string[];
  service?: 'login' | 'enable';
  privLvl?: number;
  remAddr?: string;
  port?: string;
  /** ASCII quirks of real devices: empty user in START (→ GETUSER), or the password in START data. */
  userInStart?: boolean;
  passwordInStart?: boolean;
  action?: 'login' | 'chpass';
  /** CHPASS: the new password for the GETDATA prompt. */
  newPassword?: string;
  /** A second factor asked with GETDATA (a TOTP code); answers GETDATA before newPassword. */
  otp?: string;
}

const EMPTY = new Uint8Array(0);
const TYPE: Record<ClientAuthenType, number> = {
  ascii: AuthenType.ASCII,
  pap: AuthenType.PAP,
  chap: AuthenType.CHAP,
  mschap: AuthenType.MSCHAP,
  mschapv2: AuthenType.MSCHAPV2,
};

/** RFC 8907 §5: one authentication session. */
export async function authenticate(client: TacacsClient, r: AuthenticateRequest): Promise<ClientResult> {
  const passwords = Array.isArray(r.password) ? [...r.password] : [r.password];
  const authenType = TYPE[r.type];
  const enable = r.service === 'enable';
  let data: Uint8Array = EMPTY;
  let verifyS: ((s: string) => boolean) | undefined;
  const first = passwords[0] ?? '';
  if (r.type === 'pap') data = Buffer.from(first, 'utf8');
  else if (r.type === 'ascii' && r.passwordInStart) data = Buffer.from(passwords.shift() ?? '', 'utf8');
  else if (r.type === 'chap') {
    const id = randomChallenge(1)[0]!;
    const ch = randomChallenge(16);
    data = Buffer.concat([Uint8Array.of(id), ch, chapResponse(id, first, ch)]);
  } else if (r.type === 'mschap') {
    const ch = randomChallenge(8);
    data = Buffer.concat([
      randomChallenge(1),
      ch,
      Buffer.alloc(24),
      ntChallengeResponseV1(ch, first),
      Uint8Array.of(1),
    ]);
  } else if (r.type === 'mschapv2') {
    const auth = randomChallenge(16);
    const peer = randomChallenge(16);
    const nt = generateNtResponse(auth, peer, r.user, first);
    data = Buffer.concat([randomChallenge(1), auth, peer, Buffer.alloc(8), nt, Uint8Array.of(0)]);
    verifyS = (s) => s === generateAuthenticatorResponse(first, nt, peer, auth, r.user);
  }
  const start: Body = {
    kind: 'authen-start',
    action: r.action === 'chpass' ? AuthenAction.CHPASS : AuthenAction.LOGIN,
    privLvl: r.privLvl ?? (enable ? 15 : 1),
    authenType,
    service: enable ? AuthenService.ENABLE : AuthenService.LOGIN,
    user: r.userInStart === false ? '' : r.user,
    port: r.port ?? 'tty0',
    remAddr: r.remAddr ?? '',
    data,
  };
  // §4.1: minor version 1 for PAP, CHAP and MS-CHAP; 0 for ASCII.
  const minor = r.type === 'ascii' ? MINOR_DEFAULT : MINOR_ONE;
  const run = await client.session(minor, start, (reply) => {
    if (reply.kind !== 'authen-reply') return undefined;
    const answer = (userMsg: string): Body => ({ kind: 'authen-continue', flags: 0, userMsg, data: EMPTY });
    if (reply.status === AuthenStatus.GETUSER) return answer(r.user);
    if (reply.status === AuthenStatus.GETPASS)
      return passwords.length ? answer(passwords.shift()!) : undefined;
    if (reply.status === AuthenStatus.GETDATA) return answer(r.otp ?? r.newPassword ?? '');
    return undefined;
  });
  const result = resultFrom(run.last, run);
  if (verifyS && result.pass) result.serverAuthenticated = verifyS(result.data);
  return result;
}

export interface AuthorizeRequest {
  user: string;
  /** AV pairs: "service=shell", "cmd=show", "cmd-arg=version". */
  args: string[];
  privLvl?: number;
  remAddr?: string;
  port?: string;
  authenMethod?: number;
}

export async function authorize(client: TacacsClient, r: AuthorizeRequest): Promise<ClientResult> {
  const req: Body = { kind: 'author-request', ...common(r) };
  const run = await client.session(MINOR_DEFAULT, req, () => undefined);
  return resultFrom(run.last, run);
}

export interface AccountRequest extends AuthorizeRequest {
  flags: 'start' | 'stop' | 'watchdog' | 'watchdog-update';
}

const ACCT_FLAGS = {
  start: AcctFlags.START,
  stop: AcctFlags.STOP,
  watchdog: AcctFlags.WATCHDOG,
  'watchdog-update': AcctFlags.WATCHDOG | AcctFlags.START,
} as const;

export async function account(client: TacacsClient, r: AccountRequest): Promise<ClientResult> {
  const req: Body = { kind: 'acct-request', flags: ACCT_FLAGS[r.flags], ...common(r) };
  const run = await client.session(MINOR_DEFAULT, req, () => undefined);
  return resultFrom(run.last, run);
}

function common(r: AuthorizeRequest) {
  return {
    authenMethod: r.authenMethod ?? AuthenMethod.TACACSPLUS,
    privLvl: r.privLvl ?? 1,
    authenType: AuthenType.ASCII,
    service: AuthenService.LOGIN,
    user: r.user,
    port: r.port ?? 'tty0',
    remAddr: r.remAddr ?? '',
    args: r.args,
  };
}

/** "show running-config" → ["service=shell", "cmd=show", "cmd-arg=running-config", "cmd-arg=<cr>"] as IOS sends it. */
export function commandArgs(line: string, trailingCr = true): string[] {
  const [cmd = '', ...rest] = line.trim().split(/\s+/);
  return [
    'service=shell',
    `cmd=${cmd}`,
    ...rest.map((a) => `cmd-arg=${a}`),
    ...(trailingCr ? ['cmd-arg=<cr>'] : []),
  ];
}
