import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';

// users.totpEnrolment: the otpauth:// URI an authenticator app enrols, as a QR code, for the admin.
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let lab: TestEngine;

beforeAll(async () => {
  lab = await startTestEngine({
    ports: 'ephemeral',
    factories: [],
    edit: (y) =>
      y.replace(
        /\nusers:[^\n]*\n/,
        `\nusers:\n  - username: carol\n    password: carol-pass\n    totp: ${SECRET}\n    groups: [netops]\n`,
      ),
  });
});
afterAll(() => lab?.engine.close());

describe('TOTP enrolment', () => {
  it('gives the user’s otpauth URI (the configured secret, RFC 6238 defaults) and its QR code, and audits it', async () => {
    const status = await callProcedure(lab.engine, 'lab.status', {});
    expect(status.users.find((u) => u.username === 'carol')?.hasTotp).toBe(true);
    expect(status.users.find((u) => u.username === 'alice')?.hasTotp).toBe(false);

    const { uri, svg } = await callProcedure(lab.engine, 'users.totpEnrolment', { username: 'carol' });
    const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    expect(totp.secret.base32).toBe(SECRET);
    expect(totp).toMatchObject({
      issuer: 'AAA Lab',
      label: 'carol',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    expect(svg).not.toContain('<script');

    const audit = await callProcedure(lab.engine, 'audit.list', { event: ['users.'] });
    expect(audit.entries[0]).toMatchObject({
      event: 'users.totp-enrolment-shown',
      details: { username: 'carol' },
    });
    expect(JSON.stringify(audit.entries[0])).not.toContain(SECRET);
  });

  it('refuses a user without a TOTP secret and an unknown user, naming why', async () => {
    await expect(callProcedure(lab.engine, 'users.totpEnrolment', { username: 'alice' })).rejects.toThrow(
      /alice has no TOTP secret \(users\[\]\.totp/,
    );
    await expect(callProcedure(lab.engine, 'users.totpEnrolment', { username: 'mallory' })).rejects.toThrow(
      /mallory is not a local user/,
    );
  });
});
