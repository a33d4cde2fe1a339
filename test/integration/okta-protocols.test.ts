import { execFile } from 'node:child_process';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/engine/backends/local';
import { OktaBackend } from '../../src/engine/backends/okta';
import { oktaBackend } from '../../src/engine/config/okta-schema';
import { Policy } from '../../src/engine/policy/policy';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { authenticate } from '../../src/engine/tacacs/client/client-ops';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { fixtureLab, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';
import { startOktaStandIn, type OktaStandIn } from '../stand-ins/okta-authn';

/**
 * Okta's factors through the protocols, against the Okta stand-in (Okta is not reachable here):
 * a TOTP factor is asked like a local TOTP (TACACS+ GETDATA with echo off; RADIUS Access-Challenge
 * with Reply-Message and State, answered by radclient), and a push holds the reply until approved.
 */
const radclient = requirePeer('radclient', 'freeradius-utils');
const SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) });
let step = -1;
/** Okta accepts a code once: successive logins take the previous, current and next steps' codes. */
const nextCode = () => totp.generate({ timestamp: Date.now() + 30_000 * (step++ % 3) });

let okta: OktaStandIn;
let ctx: TestContext;
let radius: RadiusServer;
let tacacs: TacacsServer;
let auth = 0;
let tport = 0;

function run(cmd: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve) => {
    const p = execFile(cmd, args, { timeout: 20_000 }, (_e, out, err) => resolve(out + err));
    p.stdin?.end(input);
  });
}
const rc = (input: string) =>
  run(radclient!, ['-x', '-r', '1', '-t', '10', `127.0.0.1:${auth}`, 'auth', 'testing123'], input);
const lastDecision = () =>
  ctx.traces
    .filter((t) => t.decision)
    .at(-1)!
    .decision!.reasons.join(' | ');
const tc = () =>
  new TacacsClient({ host: '127.0.0.1', port: tport, secret: 'testing123', timeoutMs: 10_000 });

beforeAll(async () => {
  okta = await startOktaStandIn([
    { login: 'tom', password: 'tom-pass', totp: SECRET, groups: ['Network Admins'] },
    {
      login: 'pia',
      password: 'pia-pass',
      push: { device: 'Gibson', plan: { answer: 'approve', afterMs: 1500 } },
    },
    {
      login: 'rex',
      password: 'rex-pass',
      push: { device: 'Gibson', plan: { answer: 'reject', afterMs: 500 } },
    },
  ]);
  const lab = fixtureLab();
  const cfg = oktaBackend.parse({
    type: 'okta',
    orgUrl: okta.url,
    apiToken: okta.token,
    pollIntervalMs: 500,
    pushTimeoutS: 8,
    groupMap: { 'Network Admins': 'netops' },
  });
  const policy = new Policy(lab, [new LocalBackend(lab.config.users), new OktaBackend(cfg)]);
  ctx = { ...testContext(lab), policy: () => policy };
  radius = new RadiusServer(ctx);
  tacacs = new TacacsServer(ctx);
  auth = portOf(await radius.start(), 'radius-auth');
  tport = (await tacacs.start()).find((l) => l.service === 'tacacs')!.port;
});
afterAll(() => Promise.all([radius.stop(), tacacs.stop(), okta.stop()]));

describe('Okta factors through TACACS+ and RADIUS (Okta stand-in)', () => {
  it.skipIf(!radclient)(
    'stand-in TOTP: radclient sees Access-Challenge, answers with State and the code → Access-Accept',
    async () => {
      const first = await rc('User-Name = tom\nUser-Password = tom-pass\n');
      expect(first).toMatch(/Received Access-Challenge/);
      expect(first).toMatch(/Reply-Message = "Okta verification code: "/);
      const state = /State = (0x[0-9a-f]+)/.exec(first)![1];
      const second = await rc(`User-Name = tom\nUser-Password = ${nextCode()}\nState = ${state}\n`);
      expect(second).toMatch(/Received Access-Accept/);
      expect(lastDecision()).toMatch(
        /okta: primary authentication of tom: password ok, MFA_REQUIRED in \d+ ms \| .*factor 2: Okta TOTP \(GOOGLE\) code answered after [\d.]+ ms \| okta: TOTP code accepted by Okta in \d+ ms \| .*factor 2 ok \(checked in [\d.]+ ms\) \| group netops \| authentication passed/,
      );
      const wrongState = /State = (0x[0-9a-f]+)/.exec(
        await rc('User-Name = tom\nUser-Password = tom-pass\n'),
      )![1];
      expect(await rc(`User-Name = tom\nUser-Password = 000000\nState = ${wrongState}\n`)).toMatch(
        /Received Access-Reject/,
      );
      expect(lastDecision()).toMatch(/E0000068 Invalid Passcode\/Answer/);
    },
  );

  it.skipIf(!radclient)(
    'stand-in push: radclient PAP waits for the approval → Access-Accept, the wait in the decision',
    async () => {
      const out = await rc('User-Name = pia\nUser-Password = pia-pass\n');
      expect(out).toMatch(/Received Access-Accept/);
      expect(lastDecision()).toMatch(
        /push sent to Gibson.* \| okta: push approved on the device after [1-9]\.\d s \(\d+ polls\)/,
      );
      expect(await rc('User-Name = rex\nUser-Password = rex-pass\n')).toMatch(/Received Access-Reject/);
      expect(lastDecision()).toMatch(/push rejected on the device/);
    },
  );

  it('stand-in TOTP: TACACS+ ASCII asks for the Okta code with GETDATA (echo off) → PASS', async () => {
    const ok = await authenticate(tc(), {
      type: 'ascii',
      user: 'tom',
      password: 'tom-pass',
      otp: nextCode(),
    });
    expect(ok.status).toBe('PASS');
    expect(ok.exchange.some((e) => /GETDATA "Okta verification code:"/.test(e.summary))).toBe(true);
    const bad = await authenticate(tc(), { type: 'ascii', user: 'tom', password: 'tom-pass', otp: '000000' });
    expect(bad.pass).toBe(false);
  });

  it('stand-in push: TACACS+ PAP waits for the approval → PASS', async () => {
    const r = await authenticate(tc(), { type: 'pap', user: 'pia', password: 'pia-pass' });
    expect(r.status).toBe('PASS');
    expect(JSON.stringify(ctx.traces.map((t) => t.decision))).not.toContain(okta.token);
  });
});
