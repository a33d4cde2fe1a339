import { readFileSync } from 'node:fs';
import { expect, keepScreenshot, test } from './fixtures';

test('add a device: it is in the list, in the lab file (comments kept), and its secret stays masked until revealed', async ({
  app,
  lab,
}, testInfo) => {
  await app.locator('a[data-screen="devices"]').click();
  await app.getByTestId('device-add').click();
  const editor = app.getByTestId('device-editor');
  await editor.getByTestId('device-name').fill('core-sw1');
  await editor.getByTestId('device-match').fill('10.1.0.0/33');
  await editor.getByTestId('device-tacacsSecret').fill('core-secret');
  await editor.getByTestId('device-save').click();
  // A bad prefix is named under its field, and nothing is saved.
  await expect(editor.locator('.field-error')).toHaveText('"10.1.0.0/33" is not a valid CIDR');
  expect(readFileSync(lab.configPath, 'utf8')).not.toContain('core-sw1');

  await editor.getByTestId('device-match').fill('10.1.0.0/24');
  await editor.getByTestId('device-save').click();
  await expect(app.getByTestId('device-editor')).toHaveCount(0);
  const devices = app.getByTestId('devices');
  await expect(devices.getByRole('cell', { name: 'core-sw1' })).toBeVisible();
  await expect(devices.getByRole('cell', { name: '10.1.0.0/24' })).toBeVisible();
  const text = readFileSync(lab.configPath, 'utf8');
  expect(text).toContain('  - name: core-sw1\n    match: 10.1.0.0/24\n    tacacsSecret: core-secret');
  expect(text).toContain('# clients (NAS); a request from any other address is refused');

  // Edit: the secret is masked, kept when not retyped, shown on Reveal.
  await devices.getByRole('cell', { name: 'core-sw1' }).click();
  await app.getByTestId('device-edit').click();
  const secret = editor.getByTestId('device-tacacsSecret');
  await expect(secret).toHaveValue('');
  await expect(secret).toHaveAttribute('placeholder', /unchanged/);
  await editor.getByTestId('device-reveal').click();
  await expect(secret).toHaveValue('core-secret');
  await expect(secret).toHaveAttribute('type', 'text');
  await keepScreenshot(app, 'device-editor', testInfo.attach.bind(testInfo));
  await editor.getByTestId('device-vendor').selectOption('junos');
  await editor.getByTestId('device-save').click();
  await expect(app.getByTestId('device-editor')).toHaveCount(0);
  expect(readFileSync(lab.configPath, 'utf8')).toContain('tacacsSecret: core-secret\n    vendor: junos');
  // The switch snippets still render for the device.
  await expect(app.getByTestId('snippet')).toContainText('for device "core-sw1"');

  // Remove, confirmed.
  await app.getByTestId('device-edit').click();
  await editor.getByTestId('device-remove').click();
  await editor.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(devices.getByRole('cell', { name: 'core-sw1' })).toHaveCount(0);
  await expect.poll(() => readFileSync(lab.configPath, 'utf8')).not.toContain('core-sw1');
});

test('Settings: change the trace ring size; the web listener it is served from is shown', async ({
  app,
  lab,
}) => {
  await app.locator('a[data-screen="settings"]').click();
  await expect(app.getByTestId('settings-web-origin')).toHaveText(new URL(lab.url).origin);
  const ring = app.getByTestId('settings-ring-size');
  await expect(ring).toHaveValue('100000');
  await ring.fill('50');
  await app.getByTestId('settings-trace-save').click();
  await expect(app.getByTestId('settings-trace').locator('.field-error')).toContainText('100');
  await ring.fill('5000');
  await app.getByTestId('settings-trace-save').click();
  await expect(app.getByTestId('settings-ring-size')).toHaveValue('5000');
  await expect(app.getByTestId('settings-trace')).toContainText('In use: 100,000');
  await expect.poll(() => readFileSync(lab.configPath, 'utf8')).toContain('ringSize: 5000');
});

test('Settings: turn on the OpenID Connect admin login, see a bad issuer refused by field, then turn it off', async ({
  app,
  lab,
}) => {
  await app.locator('a[data-screen="settings"]').click();
  const panel = app.getByTestId('settings-openid');
  await expect(panel).toContainText('Off:');
  await panel.getByLabel('Issuer URL').fill('not a url');
  await panel.getByLabel('Client ID').fill('aaa-lab');
  await app.getByTestId('settings-openid-save').click();
  await expect(panel.getByText('Not saved')).toBeVisible();
  await expect(panel.getByLabel('Issuer URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.locator('label', { hasText: 'Issuer URL' }).getByRole('alert')).toHaveText(
    'Invalid URL',
  );
  await expect.poll(() => readFileSync(lab.configPath, 'utf8')).not.toContain('openid:');

  await panel.getByLabel('Issuer URL').fill('https://idp.example.net/realms/lab');
  await panel.getByLabel(/Client secret/).fill('lab-oidc-client-secret');
  await panel.getByLabel(/Allowed groups/).fill('netops, noc');
  await app.getByTestId('settings-openid-save').click();
  await expect(panel).toContainText('On: https://idp.example.net/realms/lab (client aaa-lab, confidential)');
  const file = () => readFileSync(lab.configPath, 'utf8');
  await expect.poll(file).toContain('issuerUrl: https://idp.example.net/realms/lab');
  expect(file()).toMatch(/allowedGroups:[\s\S]*netops[\s\S]*noc/);

  await panel.getByRole('button', { name: 'Turn off' }).click();
  await panel.getByRole('button', { name: 'Turn off OpenID Connect login' }).click();
  await expect(panel).toContainText('Off:');
  await expect.poll(file).not.toContain('issuerUrl:');
});
