import { execFile } from 'node:child_process';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { authenticate } from '../../src/engine/tacacs/client/client-ops';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { fixtureLab, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';

/**
 * TOTP second factor through the protocols: RADIUS Access-Challenge (Reply-Message + State) answered
 * by radclient with State and the code, TACACS+ ASCII GETDATA with echo off, and `password+code`.
 */
const radclient = requirePeer('radclient', 'freeradius-utils');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) });
/** Each code is accepted once (RFC 6238 §5.2): successive logins use the next steps' codes. */
let step = 0;
const nextCode = () => totp.generate({ timestamp: Date.now() + 30_000 * (step++ % 2 === 0 ? 0 : 1) });

function lab(mode: 'challenge' | 'append') {
  return fixtureLab((y) =>
    y.replace(
      /\nusers:[^\n]*\n/,
      `\nmfa:\n  totp: ${mode}\nusers:\n  - username: carol\n    password: carol-pass\n    totp: ${SECRET}\n    groups: [netops]\n`,
    ),
  );
}

function run(cmd: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve) => {
    const p = execFile(cmd, args, { timeout: 15_000 }, (_e, out, err) => resolve(out + err));
    p.stdin?.end(input);
  });
}

describe('TOTP as a challenge', () => {
  let ctx: TestContext;
  let radius: RadiusServer;
  let tacacs: TacacsServer;
  let auth = 0;
  let tport = 0;
  beforeAll(async () => {
    ctx = testContext(lab('challenge'));
    radius = new RadiusServer(ctx);
    tacacs = new TacacsServer(ctx);
    auth = portOf(await radius.start(), 'radius-auth');
    tport = (await tacacs.start()).find((l) => l.service === 'tacacs')!.port;
  });
  afterAll(() => Promise.all([radius.stop(), tacacs.stop()]));

  it.skipIf(!radclient)(
    'radclient sees Access-Challenge, answers with State and the code → Access-Accept',
    async () => {
      const rc = (input: string) =>
        run(radclient!, ['-x', '-r', '1', '-t', '3', `127.0.0.1:${auth}`, 'auth', 'testing123'], input);
      const first = await rc('User-Name = carol\nUser-Password = carol-pass\n');
      expect(first).toMatch(/Received Access-Challenge/);
      expect(first).toMatch(/Reply-Message = "Verification code: "/);
      const state = /State = (0x[0-9a-f]+)/.exec(first)?.[1];
      expect(state).toBeTruthy();
      const second = await rc(`User-Name = carol\nUser-Password = ${nextCode()}\nState = ${state}\n`);
      expect(second).toMatch(/Received Access-Accept/);
      const d = ctx.traces.filter((t) => t.decision).at(-1)!.decision!;
      expect(d.reasons.join(' | ')).toMatch(
        /factor 1: password ok in [\d.]+ ms \| factor 2: TOTP code ok \(answered after [\d.]+ ms; checked in [\d.]+ ms\)/,
      );
      // The same State again (a replay) is unknown: a fresh login, which a code cannot pass.
      const replay = await rc(`User-Name = carol\nUser-Password = 000000\nState = ${state}\n`);
      expect(replay).not.toMatch(/Received Access-Accept/);
    },
  );

  it.skipIf(!radclient)('a wrong code → Access-Reject, and the trace says why', async () => {
    const rc = (input: string) =>
      run(radclient!, ['-x', '-r', '1', '-t', '3', `127.0.0.1:${auth}`, 'auth', 'testing123'], input);
    const state = /State = (0x[0-9a-f]+)/.exec(
      await rc('User-Name = carol\nUser-Password = carol-pass\n'),
    )![1];
    const wrong = String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, '0');
    expect(await rc(`User-Name = carol\nUser-Password = ${wrong}\nState = ${state}\n`)).toMatch(
      /Received Access-Reject/,
    );
    expect(
      ctx.traces
        .filter((t) => t.decision)
        .at(-1)!
        .decision!.reasons.join(' '),
    ).toMatch(/factor 2: TOTP code (incorrect|already used)/);
  });

  it('TACACS+ ASCII asks for the code with GETDATA, echo off', async () => {
    const c = () =>
      new TacacsClient({ host: '127.0.0.1', port: tport, secret: 'testing123', timeoutMs: 3000 });
    const ok = await authenticate(c(), {
      type: 'ascii',
      user: 'carol',
      password: 'carol-pass',
      otp: nextCode(),
    });
    expect(ok.status).toBe('PASS');
    const asked = ok.exchange.find((e) => /GETDATA/.test(e.summary));
    expect(asked?.summary).toMatch(/GETDATA/);
    const bad = await authenticate(c(), {
      type: 'ascii',
      user: 'carol',
      password: 'carol-pass',
      otp: '12345x',
    });
    // A wrong code starts the ASCII dialog over (GETPASS again); never a PASS.
    expect(bad.pass).toBe(false);
    // PAP cannot be asked: it fails with the reason in the decision.
    expect((await authenticate(c(), { type: 'pap', user: 'carol', password: 'carol-pass' })).status).toBe(
      'FAIL',
    );
  });
});

describe('TOTP appended to the password (mfa.totp: append)', () => {
  let ctx: TestContext;
  let tacacs: TacacsServer;
  let tport = 0;
  beforeAll(async () => {
    ctx = testContext(lab('append'));
    tacacs = new TacacsServer(ctx);
    tport = (await tacacs.start()).find((l) => l.service === 'tacacs')!.port;
  });
  afterAll(() => tacacs.stop());

  it('TACACS+ PAP with password+code passes once; the password alone fails', async () => {
    const c = () =>
      new TacacsClient({ host: '127.0.0.1', port: tport, secret: 'testing123', timeoutMs: 3000 });
    const code = nextCode();
    expect(
      (await authenticate(c(), { type: 'pap', user: 'carol', password: `carol-pass${code}` })).status,
    ).toBe('PASS');
    expect(
      (await authenticate(c(), { type: 'pap', user: 'carol', password: `carol-pass${code}` })).status,
    ).toBe('FAIL');
    expect((await authenticate(c(), { type: 'pap', user: 'carol', password: 'carol-pass' })).status).toBe(
      'FAIL',
    );
    // Users without a TOTP secret are unaffected.
    expect((await authenticate(c(), { type: 'pap', user: 'alice', password: 'alice-pass' })).status).toBe(
      'PASS',
    );
  });
});
