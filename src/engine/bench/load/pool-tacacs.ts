import { randomInt } from 'node:crypto';
import { chapResponse } from '../../crypto/chap';
import {
  AcctFlags,
  AuthenAction,
  AuthenMethod,
  AuthenService,
  AuthenType,
  Flags,
  MINOR_DEFAULT,
  MINOR_ONE,
} from '../../tacacs/codec/constants';
import { obfuscateInPlace } from '../../tacacs/codec/obfuscation';
import { encodePacket, type Body } from '../../tacacs/codec/packet';
import type { LoadPlan } from '../../../contract/load';
import { isWrong, sharePool, type PoolEntry, type SharedPool } from './pool';
import type { Credential } from './users';

/** Distinct sessions in the pool (a session id is reused only after all others). */
export const TACACS_ENTRIES = 4096;

/** RFC 8907 §4.5: the pad byte at `offset` of the reply with `seqNo`, so a worker reads a status without MD5. */
function padByte(sessionId: number, key: string, version: number, seqNo: number, offset: number): number {
  const b = Buffer.alloc(offset + 1);
  obfuscateInPlace(b, 0, offset + 1, sessionId, key, version, seqNo);
  return b[offset]!;
}

/** Where the status sits in the reply body: authen REPLY and author RESPONSE first; acct REPLY after two lengths (§7.2). */
const STATUS_OFFSET = { authenticate: 0, authorize: 0, account: 4 } as const;

export function tacacsPool(plan: LoadPlan, users: Credential[]): SharedPool {
  const op = plan.op as 'authenticate' | 'authorize' | 'account';
  const flags = plan.connection === 'single' ? Flags.SINGLE_CONNECT : 0;
  const base = randomInt(1, 0x7fff0000);
  const entries: PoolEntry[] = [];
  for (let i = 0; i < TACACS_ENTRIES; i++) {
    const sessionId = (base + i) >>> 0;
    const cred = users[i % users.length]!;
    const wrong = op === 'authenticate' && isWrong(i, plan.wrongPasswordRatio);
    const password = wrong ? `${cred.password}-wrong` : cred.password;
    const bodies = requestBodies(plan, op, cred.user, password, i);
    const minor = op === 'authenticate' && plan.method !== 'ascii' ? MINOR_ONE : MINOR_DEFAULT;
    const packets = bodies.map((body, k) =>
      encodePacket({ major: 0xc, minor, seqNo: 1 + 2 * k, flags, sessionId }, body, plan.secret),
    );
    const version = 0xc0 | minor;
    const pads = packets.map((_, k) =>
      padByte(sessionId, plan.secret, version, 2 + 2 * k, STATUS_OFFSET[op]),
    );
    entries.push({ packets, pads, expectPositive: !wrong });
  }
  return sharePool(entries);
}

function requestBodies(plan: LoadPlan, op: string, user: string, password: string, i: number): Body[] {
  const common = { privLvl: 1, user, port: 'tty0', remAddr: '127.0.0.1' };
  if (op === 'authorize' || op === 'account') {
    const args =
      op === 'authorize'
        ? ['service=shell', 'cmd=']
        : [`task_id=${i}`, 'service=shell', `start_time=${1_700_000_000 + i}`];
    const req = {
      ...common,
      authenMethod: AuthenMethod.TACACSPLUS,
      authenType: AuthenType.ASCII,
      service: AuthenService.LOGIN,
      args,
    };
    return [
      op === 'authorize'
        ? { kind: 'author-request', ...req }
        : { kind: 'acct-request', flags: AcctFlags.START, ...req },
    ];
  }
  const start = {
    kind: 'authen-start' as const,
    ...common,
    action: AuthenAction.LOGIN,
    service: AuthenService.LOGIN,
  };
  if (plan.method === 'ascii')
    // §5.4.2: user in START, the server asks GETPASS, the CONTINUE answers it.
    return [
      { ...start, authenType: AuthenType.ASCII, data: new Uint8Array(0) },
      { kind: 'authen-continue', flags: 0, userMsg: password, data: new Uint8Array(0) },
    ];
  if (plan.method === 'chap') {
    const id = i & 0xff;
    const challenge = Buffer.alloc(16, i & 0xff);
    challenge.writeUInt32BE(i, 0);
    return [
      {
        ...start,
        authenType: AuthenType.CHAP,
        data: Buffer.concat([Buffer.of(id), challenge, chapResponse(id, password, challenge)]),
      },
    ];
  }
  return [{ ...start, authenType: AuthenType.PAP, data: Buffer.from(password, 'utf8') }];
}
