import { expect, keepScreenshot, listeners, test } from './fixtures';

const screens = [
  ['status', 'screen-status'],
  ['dashboard', 'screen-dashboard'],
  ['servers', 'screen-servers'],
  ['config', 'screen-config'],
  ['devices', 'screen-devices'],
  ['users', 'screen-users'],
  ['backends', 'screen-backends'],
  ['sessions', 'screen-sessions'],
  ['trace', 'screen-trace'],
  ['accounting', 'screen-accounting'],
  ['audit', 'screen-audit'],
  ['client', 'screen-client'],
  ['bench', 'screen-bench'],
  ['settings', 'screen-settings'],
] as const;

test('every screen in the dark theme, chosen in the sidebar and kept over a reload', async ({
  app,
}, testInfo) => {
  await app.getByTestId('theme-toggle').selectOption('dark');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = () =>
    app.locator('html').evaluate((h) => h.ownerDocument.defaultView!.getComputedStyle(h).backgroundColor);
  expect(await bg()).toBe('rgb(20, 23, 29)');
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  for (const [id, testId] of screens) {
    await app.locator(`nav a[data-screen="${id}"]`).click();
    await expect(app.getByTestId(testId)).toBeVisible();
    await keepScreenshot(app, `screen-${id}-dark`, testInfo.attach.bind(testInfo));
  }
  // Settings has the same choice, and the sidebar follows it.
  await app.getByTestId('settings-theme').selectOption('light');
  expect(await bg()).toBe('rgb(244, 245, 247)');
  await expect(app.getByTestId('theme-toggle')).toHaveValue('light');
});

test('the "system" theme follows the operating system while it is chosen', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.getByTestId('theme-toggle').selectOption('system');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await app.getByTestId('theme-toggle').selectOption('dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('every screen is reachable from the navigation', async ({ app }, testInfo) => {
  for (const [id, testId] of screens) {
    await app.locator(`nav a[data-screen="${id}"]`).click();
    await expect(app.getByTestId(testId)).toBeVisible();
    await expect(app.locator(`nav a[data-screen="${id}"]`)).toHaveAttribute('aria-current', 'page');
    expect(new URL(app.url()).hash).toBe(`#/${id}`);
    // No screen opens on a failed procedure call.
    await expect(app.getByRole('alert')).toHaveCount(0);
    await keepScreenshot(app, `screen-${id}`, testInfo.attach.bind(testInfo));
  }
});

test('the token is removed from the address bar and a reload stays on the screen', async ({ app }) => {
  expect(new URL(app.url()).searchParams.has('token')).toBe(false);
  await app.locator('nav a[data-screen="devices"]').click();
  await app.reload();
  await expect(app.locator('#root[data-app-state="ready"]')).toBeAttached();
  await expect(app.getByTestId('screen-devices')).toBeVisible();
});

test('devices screen generates switch configuration for every platform', async ({ app, lab }) => {
  const hasTacacs = (await listeners(lab)).some((l) => l.service === 'tacacs');
  await app.locator('nav a[data-screen="devices"]').click();
  const snippets = app.getByTestId('switch-snippets');
  await snippets.getByLabel('TACACS+ secret').fill('testing123');
  await snippets.getByLabel('CoA secret').fill('coa-testing123');
  for (const [tab, needle] of [
    ['Cisco IOS / IOS-XE', 'tacacs server AAA-LAB'],
    ['Cisco NX-OS', 'feature tacacs+'],
    ['Cisco IOS-XR', 'tacacs-server host'],
    ['Juniper Junos', 'set system tacplus-server'],
    ['Arista EOS', 'tacacs-server host'],
    ['HPE Aruba AOS-CX', 'key plaintext testing123'],
  ] as const) {
    await snippets.getByRole('tab', { name: tab }).click();
    const snippet = snippets.getByTestId('snippet');
    await expect(snippet).toContainText(`AAA Lab → ${tab} for device "lab-loopback"`);
    // TACACS+ server lines need a running TACACS+ listener to point the switch at.
    if (hasTacacs) await expect(snippet).toContainText(needle);
  }
  await snippets.getByRole('tab', { name: 'Cisco IOS / IOS-XE' }).click();
  await expect(snippets.getByTestId('snippet')).toContainText('server-key 0 coa-testing123');
  // The lab's helpdesk group (priv-lvl 1) gets command authorization at its level, and on Junos a
  // class that is not super-user.
  await expect(snippets.getByTestId('snippet')).toContainText('aaa authorization commands 1 default');
  await snippets.getByRole('tab', { name: 'Juniper Junos' }).click();
  await expect(snippets.getByTestId('snippet')).toContainText(
    'set system login user helpdesk class read-only',
  );
  await expect(snippets.getByTestId('snippet')).toContainText('commit');
});

test('without a token the app sends the browser to the admin login, and back after it', async ({
  page,
  lab,
}) => {
  const url = new URL(lab.url);
  url.search = '';
  url.hash = '#/devices';
  await page.goto(url.toString());
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('wrong-pass');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.error')).toBeVisible();
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('admin-pass');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const continueLink = page.getByRole('link', { name: /continue/i });
  if (await continueLink.isVisible().catch(() => false)) await continueLink.click();
  await expect(page.locator('#root[data-app-state="ready"]')).toBeAttached();
  await expect(page.getByText('lab-loopback').first()).toBeVisible();
});

test('backends screen tests a local login step by step', async ({ app }) => {
  await app.locator('nav a[data-screen="backends"]').click();
  const box = app.getByTestId('backend-test');
  await box.getByLabel('Username').fill('alice');
  await box.getByLabel('Password').fill('alice-pass');
  await box.getByRole('button', { name: 'Test' }).click();
  await expect(box.getByTestId('backend-result')).toHaveAttribute('data-status', 'allow');
  await expect(box.getByTestId('backend-result')).toContainText('netops');
  await box.getByLabel('Password').fill('wrong');
  await box.getByRole('button', { name: 'Test' }).click();
  await expect(box.getByTestId('backend-result')).toHaveAttribute('data-status', 'deny');
  await expect(box).not.toContainText('alice-pass');
});

test('the Servers screen creates the lab CA and certificates and says how to use them', async ({ app }) => {
  await app.locator('a[data-screen="servers"]').click();
  await app.getByTestId('pki-create').click();
  const report = app.getByTestId('pki-report');
  await expect(report).toContainText('CA certificate');
  await expect(report).toContainText('ca_cert=');
  await app.getByTestId('pki-create').click();
  await expect(app.getByText(/already exist.*choose Replace/)).toBeVisible();
});
