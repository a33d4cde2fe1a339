import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OktaBackend } from '../../src/engine/backends/okta';
import { testBackend } from '../../src/engine/backends/test-backend';
import { oktaBackend, type OktaConfig } from '../../src/engine/config/okta-schema';
import { freePort } from '../peers/free-port';
import { startOktaStandIn, type OktaStandIn } from '../stand-ins/okta-authn';

/** Okta is not reachable here: these run against test/stand-ins/okta-authn.ts, written from Okta's API reference. */
const SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) });
/** A code the stand-in accepts (its ±1 step window) and this file has not sent yet: it refuses a
 * spent code, and fixed offsets from "now" repeat one when a 30 s step boundary falls between tests. */
const sent = new Set<string>();
function freshCode(): string {
  for (const dt of [0, -30_000, 30_000]) {
    const code = totp.generate({ timestamp: Date.now() + dt });
    if (!sent.has(code)) {
      sent.add(code);
      return code;
    }
  }
  throw new Error('every code of the stand-in window was already sent');
}
const pap = (password: string) => ({ kind: 'password' as const, password });

let okta: OktaStandIn;
const config = (extra: Record<string, unknown> = {}): OktaConfig =>
  oktaBackend.parse({
    type: 'okta',
    name: 'okta',
    orgUrl: okta.url,
    apiToken: okta.token,
    timeoutMs: 2000,
    pollIntervalMs: 500,
    pushTimeoutS: 5,
    groupMap: { 'Network Admins': 'netops', Helpdesk: 'helpdesk' },
    ...extra,
  });

beforeAll(async () => {
  okta = await startOktaStandIn([
    { login: 'dana', password: 'dana-pass', groups: ['Network Admins', 'Everyone'] },
    { login: 'tom', password: 'tom-pass', totp: SECRET, groups: ['Helpdesk'] },
    {
      login: 'pia',
      password: 'pia-pass',
      push: { device: 'Gibson', plan: { answer: 'approve', afterMs: 1200 } },
      groups: ['Network Admins'],
    },
    {
      login: 'rex',
      password: 'rex-pass',
      push: { device: 'Gibson', plan: { answer: 'reject', afterMs: 600 } },
    },
    {
      login: 'tim',
      password: 'tim-pass',
      push: { device: 'Gibson', plan: { answer: 'timeout', afterMs: 600 } },
    },
    { login: 'wes', password: 'wes-pass', push: { device: 'Gibson', plan: { answer: 'never' } } },
    {
      login: 'both',
      password: 'both-pass',
      totp: SECRET,
      push: { device: 'Pixel', plan: { answer: 'approve', afterMs: 0 } },
    },
    { login: 'lou', password: 'lou-pass', status: 'LOCKED_OUT' },
    { login: 'eve', password: 'eve-pass', status: 'PASSWORD_EXPIRED' },
  ]);
});
afterAll(() => okta.stop());

describe('Okta backend (Authn API) against the Okta stand-in', () => {
  it('stand-in: no MFA → SUCCESS, Okta groups mapped to lab groups, token sent as SSWS', async () => {
    const r = await new OktaBackend(config()).authenticate('dana', pap('dana-pass'), 'login');
    expect(r.status).toBe('allow');
    expect(r.groups).toEqual(['netops']);
    expect(r.reasons.join('\n')).toMatch(/primary authentication of dana: SUCCESS in \d+ ms/);
    expect(r.reasons.join('\n')).toMatch(/Okta groups Network Admins → netops; ignored: Everyone/);
    expect(okta.requests.filter((q) => q.path === '/api/v1/authn').every((q) => q.authorized)).toBe(true);
  });

  it('stand-in: wrong password → deny; unknown user → unknown-user (the Users API tells them apart)', async () => {
    const b = new OktaBackend(config());
    const bad = await b.authenticate('dana', pap('nope'), 'login');
    expect(bad.status).toBe('deny');
    expect(bad.reasons.join('\n')).toMatch(/E0000004 Authentication failed/);
    const none = await b.authenticate('nobody', pap('x'), 'login');
    expect(none.status).toBe('unknown-user');
    expect(none.reasons.join('\n')).toMatch(/no Okta user "nobody"/);
  });

  it('stand-in: LOCKED_OUT and PASSWORD_EXPIRED deny with the reason', async () => {
    const b = new OktaBackend(config());
    expect((await b.authenticate('lou', pap('lou-pass'), 'login')).reasons.join()).toMatch(/LOCKED_OUT/);
    const e = await b.authenticate('eve', pap('eve-pass'), 'login');
    expect(e.status).toBe('deny');
    expect(e.reasons.join()).toMatch(/PASSWORD_EXPIRED/);
  });

  it('stand-in: TOTP factor → a challenge; the right code allows once, a wrong one denies (E0000068)', async () => {
    const b = new OktaBackend(config());
    const r = await b.authenticate('tom', pap('tom-pass'), 'login');
    expect(r.status).toBe('challenge');
    expect(r.challenge?.prompt).toBe('Okta verification code: ');
    const code = freshCode();
    const ok = await r.challenge!.answer(code);
    expect(ok.status).toBe('allow');
    expect(ok.groups).toEqual(['helpdesk']);
    expect(ok.reasons.join()).toMatch(/TOTP code accepted by Okta in \d+ ms/);
    expect((await r.challenge!.answer(code)).status).toBe('deny'); // spent
    const again = await b.authenticate('tom', pap('tom-pass'), 'login');
    const wrong = await again.challenge!.answer('000000');
    expect(wrong.status).toBe('deny');
    expect(wrong.reasons.join()).toMatch(/E0000068 Invalid Passcode\/Answer/);
  });

  it('stand-in: push approved after a wait → allow, the wait and the polls in the steps', async () => {
    const r = await new OktaBackend(config()).authenticate('pia', pap('pia-pass'), 'login');
    expect(r.status).toBe('allow');
    expect(r.groups).toEqual(['netops']);
    const text = r.reasons.join('\n');
    expect(text).toMatch(
      /push sent to Gibson, SmartPhone_IPhone in \d+ ms; waiting up to 5 s, polling every 500 ms/,
    );
    expect(text).toMatch(/push approved on the device after \d\.\d s \([1-9]\d* polls\)/);
    expect(r.ms).toBeGreaterThanOrEqual(1200);
  });

  it('stand-in: push rejected, push TIMEOUT at Okta, and our own pushTimeoutS (transaction cancelled)', async () => {
    const b = new OktaBackend(config({ pushTimeoutS: 1 }));
    expect((await b.authenticate('rex', pap('rex-pass'), 'login')).reasons.join()).toMatch(
      /push rejected on the device/,
    );
    expect((await b.authenticate('tim', pap('tim-pass'), 'login')).reasons.join()).toMatch(
      /factorResult TIMEOUT/,
    );
    const before = okta.cancelled;
    const w = await b.authenticate('wes', pap('wes-pass'), 'login');
    expect(w.status).toBe('deny');
    expect(w.reasons.join()).toMatch(
      /no approval within pushTimeoutS 1 s \(\d+ polls, WAITING throughout\); transaction cancelled/,
    );
    expect(okta.cancelled).toBe(before + 1);
  });

  it('stand-in: preferFactor picks push or TOTP when the user has both', async () => {
    expect((await new OktaBackend(config()).authenticate('both', pap('both-pass'), 'login')).status).toBe(
      'allow',
    );
    const t = await new OktaBackend(config({ preferFactor: 'totp' })).authenticate(
      'both',
      pap('both-pass'),
      'login',
    );
    expect(t.status).toBe('challenge');
  });

  it('stand-in: CHAP cannot be checked; lookup finds users and their groups', async () => {
    const b = new OktaBackend(config());
    const chap = await b.authenticate(
      'dana',
      { kind: 'challenge', method: 'CHAP', verify: () => true },
      'login',
    );
    expect(chap.status).toBe('deny');
    expect(chap.reasons.join()).toMatch(/needs the cleartext password/);
    expect(await b.lookup('dana')).toMatchObject({ status: 'allow', groups: ['netops'] });
    expect((await b.lookup('ghost')).status).toBe('unknown-user');
  });

  it('stand-in: a wrong API token is an error naming apiToken, and no token ever appears in the steps', async () => {
    const b = new OktaBackend(config({ apiToken: 'not-the-token-xyz' }));
    const r = await b.authenticate('dana', pap('dana-pass'), 'login');
    expect(r.status).toBe('error');
    expect(r.reasons.join()).toMatch(
      /E0000011 Invalid token provided: the API token is invalid or revoked \(apiToken\)/,
    );
    const all = JSON.stringify([
      r,
      await testBackend(new OktaBackend(config()), 'tom', 'tom-pass', freshCode()),
    ]);
    expect(all).not.toContain('not-the-token-xyz');
    expect(all).not.toContain(okta.token);
    expect(all).not.toContain('tom-pass');
  });

  it('stand-in: testBackend answers a TOTP challenge with the code given, or says one is needed', async () => {
    const b = new OktaBackend(config());
    const asked = await testBackend(b, 'tom', 'tom-pass');
    expect(asked.status).toBe('challenge');
    expect(asked.steps.at(-1)).toMatch(/asks for a code: test again with it/);
    const done = await testBackend(b, 'tom', 'tom-pass', freshCode());
    expect(done).toMatchObject({ status: 'allow', groups: ['helpdesk'] });
  });

  it('stand-in: an unreachable org is an error with the cause', async () => {
    const r = await new OktaBackend(config({ orgUrl: `http://127.0.0.1:${await freePort()}` })).authenticate(
      'dana',
      pap('dana-pass'),
      'login',
    );
    expect(r.status).toBe('error');
    expect(r.reasons.join()).toMatch(/unreachable: ECONNREFUSED/);
  });
});
