import { readFileSync } from 'node:fs';
import { setEditorText } from './code-editor';
import { expect, keepScreenshot, rpc, test } from './fixtures';

/** The running lab file's text (the editor is CodeMirror: it renders only the lines in view). */
const runningSource = async (lab: Parameters<typeof rpc>[0]) =>
  (await rpc<{ source: string }>(lab, 'config.get')).source;

test('an invalid config shows its field path and line; the lab keeps the old config', async ({
  app,
  lab,
}, testInfo) => {
  await app.locator('a[data-screen="config"]').click();
  const editor = app.getByLabel('Lab file (YAML)');
  await expect(editor).toContainText('tacacs:');
  const original = await runningSource(lab);
  const broken = original.replace('match: 127.0.0.1/32', 'match: 10.0.0.0/33');
  expect(broken).not.toBe(original);
  await setEditorText(app, broken);

  await app.getByRole('button', { name: 'Validate' }).click();
  const errors = app.getByTestId('config-errors');
  await expect(errors).toContainText('devices[0].match');
  const line = broken.split('\n').findIndex((l) => l.includes('10.0.0.0/33')) + 1;
  await expect(errors.getByRole('row').filter({ hasText: 'devices[0].match' })).toContainText(String(line));

  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByTestId('config-outcome')).toHaveAttribute('data-kind', 'failed');
  await expect(app.getByTestId('config-errors')).toContainText('devices[0].match');
  await keepScreenshot(app, 'config-invalid', testInfo.attach.bind(testInfo));

  // Nothing changed: the file on disk, and the running lab still matches 127.0.0.1/32.
  expect(readFileSync(lab.configPath, 'utf8')).toBe(original);
  // The edits are not applied: leaving asks first.
  app.once('dialog', (d) => void d.accept());
  await app.locator('a[data-screen="status"]').click();
  const devices = app.getByTestId('devices');
  await expect(devices.getByRole('cell', { name: '127.0.0.1/32' })).toBeVisible();
  await expect(devices).not.toContainText('10.0.0.0/33');
  await expect(app.getByTestId('screen-status').getByText('running', { exact: true }).first()).toBeVisible();
  const why = app.getByTestId('why-box');
  await why.getByLabel('User').fill('alice');
  await why.getByRole('button', { name: 'Why?' }).click();
  await expect(why.getByTestId('why-result')).toContainText('lab-loopback (127.0.0.1/32)');
});

test('a valid change applies and shows up on the status screen', async ({ app, lab }) => {
  await app.locator('a[data-screen="config"]').click();
  const editor = app.getByLabel('Lab file (YAML)');
  await expect(editor).toContainText('tacacs:');
  const changed = (await runningSource(lab)).replace('match: 127.0.0.3/32', 'match: 127.0.0.4/32');
  await setEditorText(app, changed);
  await app.getByRole('checkbox', { name: 'save to file on apply' }).uncheck();
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByTestId('config-outcome')).toHaveAttribute('data-kind', 'applied');
  await app.locator('a[data-screen="status"]').click();
  await expect(app.getByTestId('devices').getByRole('cell', { name: '127.0.0.4/32' })).toBeVisible();
});

test('a user given a TOTP secret gets an enrolment QR code on the Users screen', async ({ app, lab }) => {
  await app.locator('a[data-screen="config"]').click();
  const editor = app.getByLabel('Lab file (YAML)');
  await expect(editor).toContainText('tacacs:');
  const changed = (await runningSource(lab)).replace(
    '    password: bob-pass\n',
    '    password: bob-pass\n    totp: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n',
  );
  await setEditorText(app, changed);
  await app.getByRole('checkbox', { name: 'save to file on apply' }).uncheck();
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByTestId('config-outcome')).toHaveAttribute('data-kind', 'applied');
  await app.locator('a[data-screen="users"]').click();
  await app.getByTestId('totp-show-bob').click();
  const qr = app.getByTestId('totp-qr-bob').locator('svg');
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())?.width).toBeGreaterThan(100);
  await expect(app.getByTestId('totp-show-alice')).toHaveCount(0);
});
