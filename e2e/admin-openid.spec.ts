import { test as base, expect } from '@playwright/test';
import { ADMIN_CLIENT, startOidcProvider, type OidcPeer } from '../test/peers/oidc-provider';
import { freePort } from '../test/peers/free-port';
import { launchLab, type Lab } from './fixtures';

// The admin OpenID Connect login in a real browser: aaa-lab serve configured through the OPENID_*
// environment, oidc-provider in this process as the provider, its dev interactions as the login page.
const CALLBACK = '/admin/login/openid-callback';

const test = base.extend<{ oidc: { lab: Lab; peer: OidcPeer; origin: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring to inject fixtures
  oidc: async ({}, use) => {
    // The redirect URI names the web port, so pick it before serve starts.
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const peer = await startOidcProvider({ adminRedirectUris: [`${origin}${CALLBACK}`] });
    try {
      const lab = await launchLab({
        webPort: port,
        env: {
          OPENID_ISSUER_URL: peer.issuer,
          OPENID_CLIENT_ID: ADMIN_CLIENT.id,
          OPENID_CLIENT_SECRET: ADMIN_CLIENT.secret,
          OPENID_REDIRECT_URI: `${origin}${CALLBACK}`,
        },
      });
      try {
        await use({ lab, peer, origin });
      } finally {
        await lab.stop();
      }
    } finally {
      await peer.stop();
    }
  },
});

test('signs in with OpenID Connect through the provider and lands in the app', async ({ page, oidc }) => {
  await page.goto(`${oidc.origin}/#/devices`);
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByRole('link', { name: 'Sign in with OpenID Connect' }).click();

  // oidc-provider's dev interactions: any login (the account id), then consent.
  await expect(page).toHaveURL(new RegExp(`^${oidc.peer.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill('erin');
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.locator('#root[data-app-state="ready"]')).toBeAttached({ timeout: 20_000 });
  expect(new URL(page.url()).origin).toBe(oidc.origin);
  const me = await page.request.get(`${oidc.origin}/admin/session`);
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'session', email: 'erin@example.com', method: 'openid' });
  // The session reaches the contract too: a screen with lab data renders.
  await page.locator('nav a[data-screen="devices"]').click();
  await expect(page.getByText('lab-loopback').first()).toBeVisible();
});

test('a tampered state at the callback is refused with the 401 page', async ({ page, oidc }) => {
  // Start the login through the browser context's cookie store (page.request shares it), then alter
  // the state on its way to the provider: the provider echoes it back to our callback, which must
  // refuse it. (Routes cannot rewrite a hop in the middle of a redirect chain.)
  const start = await page.request.get(`${oidc.origin}/admin/login/openid-start`, { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const authorize = new URL(start.headers().location ?? '');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  authorize.searchParams.set('state', 'tampered');
  await page.goto(authorize.href);
  await page.locator('input[name="login"]').fill('erin');
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const callback = page.waitForResponse((r) => new URL(r.url()).pathname === CALLBACK);
  await page.getByRole('button', { name: 'Continue' }).click();
  const res = await callback;
  expect(new URL(res.url()).searchParams.get('state')).toBe('tampered');
  expect(res.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Sign in failed' })).toBeVisible();
  await expect(page.getByText('OpenID login failed: state mismatch')).toBeVisible();
  expect((await page.request.get(`${oidc.origin}/admin/session`)).status()).toBe(401);
});
