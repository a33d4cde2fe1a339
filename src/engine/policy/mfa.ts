import * as OTPAuth from 'otpauth';
import type { LoadedLab } from '../config/loaded-lab';
import type { UserConfig } from '../config/schema';
import { deny, type Decision } from './decision';
import type { AuthenRequest } from './authen-request';

const PROMPT = 'Verification code: ';
const CODE = /^(.*?)(\d{6})$/s;
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(1)} ms`;

/**
 * Local users' second factor, RFC 6238 TOTP (otpauth), around the policy's password check:
 * `append` takes `password` + the 6-digit code in one field; `challenge` passes the first factor
 * as a pending decision the protocol turns into a prompt. Every step and its timing is a reason.
 * A code is accepted once (RFC 6238 §5.2: no second use of the same OTP).
 */
export class TotpFactor {
  readonly #users: Map<string, UserConfig>;
  readonly #lastCounter = new Map<string, number>();

  constructor(private readonly lab: LoadedLab) {
    this.#users = new Map(lab.config.users.filter((u) => u.totp).map((u) => [u.username, u]));
  }

  /** A login (not enable) by a user with a TOTP secret. */
  wants(req: AuthenRequest): boolean {
    return (req.service ?? 'login') === 'login' && this.#users.has(req.username);
  }

  get mode(): 'challenge' | 'append' {
    return this.lab.config.mfa.totp;
  }

  /** Runs the first factor (`check`) and, per mode, the second or a pending decision. */
  async first(req: AuthenRequest, check: (r: AuthenRequest) => Promise<Decision>): Promise<Decision> {
    const t0 = performance.now();
    if (this.mode === 'append') {
      if (req.credentials.kind !== 'password')
        return deny(
          [
            `user ${req.username}`,
            'TOTP required: mfa.totp is append, which needs password+code in a password field (PAP/ASCII), not CHAP/MS-CHAP',
          ],
          { user: req.username },
        );
      const m = CODE.exec(req.credentials.password);
      if (!m)
        return deny(
          [
            `user ${req.username}`,
            'TOTP required: the password does not end in a 6-digit code (mfa.totp: append)',
          ],
          { user: req.username },
        );
      const d = await check({ ...req, credentials: { kind: 'password', password: m[1]! } });
      if (!d.allow)
        return {
          ...d,
          reasons: [...d.reasons.slice(0, -1), `factor 1: password rejected in ${ms(t0)}`, d.reasons.at(-1)!],
        };
      return this.#second(
        d,
        req.username,
        m[2]!,
        `factor 1: password ok in ${ms(t0)}`,
        'appended to the password',
      );
    }
    const d = await check(req);
    if (!d.allow) return d;
    return {
      ...d,
      allow: false,
      reasons: [
        ...d.reasons.slice(0, -1),
        `factor 1: ${req.credentials.kind === 'password' ? 'password' : req.credentials.method} ok in ${ms(t0)}`,
        'factor 2: TOTP code requested',
      ],
      pending: { factor: 'totp', prompt: PROMPT, askedAt: performance.now() },
    };
  }

  /** The answer to a pending decision's prompt. */
  complete(pending: Decision, code: string): Decision {
    const waited = pending.pending ? `answered after ${ms(pending.pending.askedAt)}` : 'answered';
    const reasons = pending.reasons.slice(0, -1);
    return this.#second(
      { ...pending, reasons: [...reasons, 'authentication passed'] },
      pending.user ?? '',
      code.trim(),
      undefined,
      waited,
    );
  }

  #second(d: Decision, username: string, code: string, step1: string | undefined, how: string): Decision {
    const t0 = performance.now();
    const verdict = this.verify(username, code);
    const head = d.reasons.slice(0, -1);
    const steps = step1 ? [...head, step1] : head;
    if (!verdict.ok)
      return deny(
        [
          ...steps,
          `factor 2: TOTP code ${verdict.why} (${how}; checked in ${ms(t0)})`,
          'authentication failed',
        ],
        {
          user: username,
          backend: d.backend,
        },
      );
    const { pending: _p, ...rest } = d;
    return {
      ...rest,
      allow: true,
      reasons: [...steps, `factor 2: TOTP code ok (${how}; checked in ${ms(t0)})`, d.reasons.at(-1)!],
    };
  }

  verify(username: string, code: string): { ok: true } | { ok: false; why: string } {
    const u = this.#users.get(username);
    if (!u?.totp) return { ok: false, why: 'not configured for this user' };
    if (!/^\d{6}$/.test(code)) return { ok: false, why: 'malformed (6 digits expected)' };
    const totp = totpOf(u.totp.reveal(), username);
    const delta = totp.validate({ token: code, window: this.lab.config.mfa.window });
    if (delta === null) return { ok: false, why: 'incorrect' };
    const counter = totp.counter() + delta;
    if ((this.#lastCounter.get(username) ?? -1) >= counter)
      return { ok: false, why: 'already used (RFC 6238 §5.2: an OTP is accepted once)' };
    this.#lastCounter.set(username, counter);
    return { ok: true };
  }
}

/** The user's TOTP as an authenticator app enrols it (otpauth:// URI, RFC 6238 defaults). */
export function totpOf(base32: string, username: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'AAA Lab',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(base32),
  });
}
