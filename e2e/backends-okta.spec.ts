import * as OTPAuth from 'otpauth';
import { test as base, expect } from '@playwright/test';
import { freePort } from '../test/peers/free-port';
import { startOktaStandIn, type OktaStandIn } from '../test/stand-ins/okta-authn';
import { keepScreenshot, launchLab, openApp, type Lab } from './fixtures';

// The Backends screen with an Okta backend, against the Okta stand-in (test/stand-ins/okta-authn.ts,
// written from Okta's API reference: a real Okta org is not reachable here), and an LDAP backend
// whose server is down: health, "Check now", and the test button through TOTP and push.
const SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) });

const test = base.extend<{ okta: { lab: Lab; standIn: OktaStandIn } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring to inject fixtures
  okta: async ({}, use) => {
    const standIn = await startOktaStandIn([
      { login: 'tom', password: 'tom-pass', totp: SECRET, groups: ['Network Admins'] },
      {
        login: 'pia',
        password: 'pia-pass',
        push: { device: 'Gibson', plan: { answer: 'approve', afterMs: 800 } },
      },
    ]);
    const dead = await freePort();
    try {
      const lab = await launchLab({
        env: { OKTA_API_TOKEN: standIn.token },
        edit: (t) =>
          `${t}\nbackends:\n  - type: local\n  - type: okta\n    name: okta\n    orgUrl: ${standIn.url}\n    apiToken: \${OKTA_API_TOKEN}\n    pollIntervalMs: 500\n    groupMap: { Network Admins: netops }\n  - type: ldap\n    name: directory\n    url: ldap://127.0.0.1:${dead}\n    bindDN: cn=aaa-lab,dc=example,dc=com\n    bindPassword: bind-secret-xyz\n    userBase: ou=people,dc=example,dc=com\n    timeoutMs: 1000\n`,
      });
      try {
        await use({ lab, standIn });
      } finally {
        await lab.stop();
      }
    } finally {
      await standIn.stop();
    }
  },
});

test('Backends screen (Okta stand-in): health with Check now, and the test button through TOTP and push', async ({
  page,
  okta,
}, info) => {
  await openApp(page, okta.lab.url);
  await page.locator('nav a[data-screen="backends"]').click();
  const health = page.getByTestId('backend-health');
  await expect(health.locator('tr[data-backend="okta"]')).toHaveAttribute('data-reachable', 'true');
  await expect(health.locator('tr[data-backend="local"]')).toHaveAttribute('data-reachable', 'true');
  const dir = health.locator('tr[data-backend="directory"]');
  await expect(dir).toHaveAttribute('data-reachable', 'false');
  await expect(dir.getByTestId('backend-last-error')).toContainText('ECONNREFUSED');
  await health.getByRole('button', { name: 'Check now' }).click();
  await expect(health.getByRole('button', { name: 'Check now' })).toBeEnabled();
  await expect(dir).toHaveAttribute('data-reachable', 'false');

  const box = page.getByTestId('backend-test');
  await box.getByRole('combobox').selectOption('okta');
  await box.getByLabel('Username').fill('tom');
  await box.getByLabel('Password').fill('tom-pass');
  await box.getByRole('button', { name: 'Test' }).click();
  await expect(box.getByTestId('backend-result')).toHaveAttribute('data-status', 'challenge');
  await expect(box.getByTestId('backend-result')).toContainText('asks for a code');
  await box.getByLabel('Verification code').fill(totp.generate());
  await box.getByRole('button', { name: 'Test' }).click();
  await expect(box.getByTestId('backend-result')).toHaveAttribute('data-status', 'allow');
  await expect(box.getByTestId('backend-result')).toContainText('netops');
  await expect(box.getByTestId('backend-result')).toContainText('TOTP code accepted by Okta');

  await box.getByLabel('Verification code').fill('');
  await box.getByLabel('Username').fill('pia');
  await box.getByLabel('Password').fill('pia-pass');
  await box.getByRole('button', { name: 'Test' }).click();
  await expect(box.getByTestId('backend-result')).toHaveAttribute('data-status', 'allow', {
    timeout: 10_000,
  });
  await expect(box.getByTestId('backend-result')).toContainText(/push approved on the device after \d\.\d s/);

  // The health row now shows the last login through Okta; no secret anywhere on the page.
  await health.getByRole('button', { name: 'Check now' }).click();
  await expect(health.locator('tr[data-backend="okta"]')).toContainText('allow');
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(okta.standIn.token);
  expect(text).not.toContain('bind-secret-xyz');
  expect(text).not.toContain('tom-pass');
  await keepScreenshot(page, 'backends-okta', info.attach.bind(info));
});
