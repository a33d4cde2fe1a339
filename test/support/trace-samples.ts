import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { buildAttributes, type AttrInput } from '../../src/engine/radius/codec/build';
import { CODES } from '../../src/engine/radius/codec/constants';
import { dissect as dissectRadius } from '../../src/engine/radius/codec/dissect';
import {
  randomAuthenticator,
  secretBytes,
  signRequest,
  signResponse,
} from '../../src/engine/radius/codec/sign';
import {
  AcctFlags,
  AcctStatus,
  AuthenAction,
  AuthenService,
  AuthenStatus,
  AuthenType,
  AuthorStatus,
  Flags,
} from '../../src/engine/tacacs/codec/constants';
import { dissect as dissectTacacs } from '../../src/engine/tacacs/codec/dissect';
import { encodePacket, type Body } from '../../src/engine/tacacs/codec/packet';
import type { TraceInput } from '../../src/engine/trace/types';

/**
 * Realistic trace inputs for export tests: real TACACS+ and RADIUS packets built with the lab's own
 * codecs (obfuscated / signed with `secret`), on the fixture's ports, IPv4 and IPv6, server and
 * client roles, TCP, UDP and TLS. The protocol servers produce the same shapes.
 */
export function sampleTrace(secret = 'testing123', sessions = 3): TraceInput[] {
  const out: TraceInput[] = [];
  const v4 = { address: '127.0.0.1', port: 14949 };
  for (let s = 0; s < sessions; s++) {
    // One connection per iteration, three TACACS+ sessions on it (single-connect style).
    const nas = { address: '127.0.0.1', port: 40000 + s };
    out.push(...tacacsExchange(secret, v4, nas, 0x1000 + s));
    const nas6 = { address: '::1', port: 41000 + s };
    out.push(...tacacsExchange(secret, { address: '::1', port: 14949 }, nas6, 0x2000 + s));
    out.push(
      ...radiusAuth(
        secret,
        { address: '127.0.0.1', port: 21812 },
        { address: '127.0.0.1', port: 50000 + s },
        s,
      ),
    );
    out.push(...radiusAcct(secret, { address: '::1', port: 21813 }, { address: '::1', port: 50100 + s }, s));
    // CoA: our test client sends to a NAS (role client), the NAS answers.
    out.push(
      ...radiusCoa(
        secret,
        { address: '127.0.0.1', port: 51000 + s },
        { address: '127.0.0.1', port: 23799 },
        s,
      ),
    );
  }
  // TACACS+ over TLS (RFC 9887): the inner packets are unobfuscated.
  out.push(
    ...tacacsExchange(
      undefined,
      { address: '127.0.0.1', port: 14300 },
      { address: '127.0.0.1', port: 42000 },
      0x3000,
      'tls',
    ),
  );
  return out;
}

type Ep = { address: string; port: number };

function tacacsExchange(
  secret: string | undefined,
  local: Ep,
  remote: Ep,
  sid: number,
  transport: 'tcp' | 'tls' = 'tcp',
): TraceInput[] {
  const flags = Flags.SINGLE_CONNECT | (secret === undefined ? Flags.UNENCRYPTED : 0);
  const rec = (seqNo: number, sessionId: number, body: Body, summary: string): TraceInput => {
    const bytes = encodePacket(
      {
        major: 0xc,
        minor: body.kind === 'authen-start' || body.kind === 'authen-reply' ? 1 : 0,
        seqNo,
        flags,
        sessionId,
      },
      body,
      secret,
    );
    return {
      protocol: 'tacacs',
      direction: seqNo % 2 === 1 ? 'in' : 'out',
      transport,
      local,
      remote,
      role: 'server',
      device: 'lab-loopback',
      user: 'alice',
      sessionId: `0x${sessionId.toString(16)}`,
      summary,
      result: seqNo % 2 === 0 ? 'pass' : undefined,
      bytes,
      dissection: dissectTacacs(bytes, secret).nodes,
    };
  };
  const common = {
    privLvl: 15,
    authenType: AuthenType.PAP,
    service: AuthenService.LOGIN,
    user: 'alice',
    port: 'tty1',
    remAddr: '10.0.0.9',
  };
  const empty = new Uint8Array(0);
  return [
    rec(
      1,
      sid,
      { kind: 'authen-start', action: AuthenAction.LOGIN, ...common, data: Buffer.from('alice-pass') },
      'Authen START PAP alice',
    ),
    rec(
      2,
      sid,
      { kind: 'authen-reply', status: AuthenStatus.PASS, flags: 0, serverMsg: '', data: empty },
      'Authen REPLY PASS',
    ),
    rec(
      1,
      sid + 0x100,
      {
        kind: 'author-request',
        authenMethod: 6,
        ...common,
        args: ['service=shell', 'cmd=show', 'cmd-arg=version'],
      },
      'Author show version',
    ),
    rec(
      2,
      sid + 0x100,
      {
        kind: 'author-response',
        status: AuthorStatus.PASS_ADD,
        serverMsg: '',
        data: empty,
        args: ['priv-lvl=15'],
      },
      'Author PASS_ADD',
    ),
    rec(
      1,
      sid + 0x200,
      {
        kind: 'acct-request',
        flags: AcctFlags.START,
        authenMethod: 6,
        ...common,
        args: ['task_id=1', 'service=shell'],
      },
      'Acct START',
    ),
    rec(
      2,
      sid + 0x200,
      { kind: 'acct-reply', status: AcctStatus.SUCCESS, serverMsg: '', data: empty },
      'Acct SUCCESS',
    ),
  ];
}

function radiusPair(
  secret: string,
  local: Ep,
  remote: Ep,
  id: number,
  role: 'server' | 'client',
  protocol: TraceInput['protocol'],
  req: { code: number; attrs: AttrInput[] },
  reply: { code: number; attrs: AttrInput[] },
): TraceInput[] {
  const dict = bundledDictionary().dictionary;
  const key = secretBytes(secret);
  const auth = randomAuthenticator();
  const reqBytes = signRequest(
    req.code,
    id,
    buildAttributes(req.attrs, dict, { secret: key, authenticator: auth }),
    key,
    { authenticator: auth },
  );
  const replyBytes = signResponse(
    reply.code,
    id,
    buildAttributes(reply.attrs, dict),
    key,
    reqBytes.subarray(4, 20),
  );
  const inbound = role === 'server' ? 'in' : 'out';
  const outbound = role === 'server' ? 'out' : 'in';
  const base = {
    protocol,
    transport: 'udp' as const,
    local,
    remote,
    role,
    device: 'lab-loopback',
    sessionId: `id=${id}`,
  };
  return [
    {
      ...base,
      direction: inbound,
      summary: `request id=${id}`,
      bytes: reqBytes,
      dissection: dissectRadius(reqBytes, dict, { secret: key }),
    },
    {
      ...base,
      direction: outbound,
      summary: `reply id=${id}`,
      result: 'pass',
      bytes: replyBytes,
      dissection: dissectRadius(replyBytes, dict, {
        secret: key,
        requestAuthenticator: reqBytes.subarray(4, 20),
      }),
    },
  ];
}

function radiusAuth(secret: string, local: Ep, remote: Ep, n: number): TraceInput[] {
  return radiusPair(
    secret,
    local,
    remote,
    n + 1,
    'server',
    'radius',
    {
      code: CODES['Access-Request'],
      attrs: [
        { name: 'User-Name', value: 'alice' },
        { name: 'User-Password', value: 'alice-pass' },
        { name: 'NAS-IP-Address', value: '127.0.0.1' },
        { name: 'NAS-Port', value: 7 },
      ],
    },
    {
      code: CODES['Access-Accept'],
      attrs: [
        { name: 'Service-Type', value: 'Administrative-User' },
        { name: 'Cisco-AVPair', value: 'shell:priv-lvl=15' },
      ],
    },
  );
}

function radiusAcct(secret: string, local: Ep, remote: Ep, n: number): TraceInput[] {
  return radiusPair(
    secret,
    local,
    remote,
    n + 100,
    'server',
    'radius-acct',
    {
      code: CODES['Accounting-Request'],
      attrs: [
        { name: 'Acct-Status-Type', value: 'Start' },
        { name: 'Acct-Session-Id', value: `sess-${n}` },
        { name: 'User-Name', value: 'bob' },
      ],
    },
    { code: CODES['Accounting-Response'], attrs: [] },
  );
}

function radiusCoa(secret: string, local: Ep, remote: Ep, n: number): TraceInput[] {
  return radiusPair(
    secret,
    local,
    remote,
    n + 200,
    'client',
    'coa',
    {
      code: CODES['CoA-Request'],
      attrs: [
        { name: 'User-Name', value: 'bob' },
        { name: 'Acct-Session-Id', value: `sess-${n}` },
      ],
    },
    { code: CODES['CoA-ACK'], attrs: [] },
  );
}
