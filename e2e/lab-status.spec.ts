import { expect, keepScreenshot, test } from './fixtures';

test('lab status lists the fixture devices, users and groups', async ({ app }, testInfo) => {
  const status = app.getByTestId('screen-status');
  await expect(status.getByText('running', { exact: true }).first()).toBeVisible();
  const devices = app.getByTestId('devices');
  await expect(devices.getByRole('cell', { name: 'lab-loopback' })).toBeVisible();
  await expect(devices.getByRole('cell', { name: '127.0.0.1/32' })).toBeVisible();
  await expect(devices.getByRole('cell', { name: 'lab-alt' })).toBeVisible();
  const users = app.getByTestId('users');
  await expect(users.getByRole('cell', { name: 'alice', exact: true })).toBeVisible();
  await expect(users.getByRole('cell', { name: 'bob', exact: true })).toBeVisible();
  const groups = app.getByTestId('groups');
  await expect(groups.locator('[data-group="netops"]')).toContainText('priv-lvl 15');
  await expect(groups.locator('[data-group="helpdesk"]')).toContainText('deny');
  await expect(groups.locator('[data-group="helpdesk"]')).toContainText('Service-Type = NAS-Prompt-User');
  await keepScreenshot(app, 'lab-status', testInfo.attach.bind(testInfo));
});

test('"why?" denies bob `configure terminal` and permits alice', async ({ app }, testInfo) => {
  const why = app.getByTestId('screen-status').getByTestId('why-box');
  await why.getByLabel('User').fill('bob');
  await why.getByLabel('Device (name or address)').fill('lab-loopback');
  await why.getByLabel('Command (empty: exec authorization)').fill('configure terminal');
  await why.getByRole('button', { name: 'Why?' }).click();
  const result = why.getByTestId('why-result');
  await expect(result).toHaveAttribute('data-allow', 'false');
  await expect(result).toContainText('DENY');
  await expect(result).toContainText('helpdesk');
  await expect(result).toContainText('rule 2');
  await expect(result).toContainText('deny .*');
  await keepScreenshot(app, 'why-bob-denied', testInfo.attach.bind(testInfo));

  await why.getByLabel('User').fill('alice');
  await why.getByRole('button', { name: 'Why?' }).click();
  await expect(result).toHaveAttribute('data-allow', 'true');
  await expect(result).toContainText('PERMIT');
  await expect(result).toContainText('netops');
  await keepScreenshot(app, 'why-alice-permitted', testInfo.attach.bind(testInfo));
});

test('"why?" with a wrong password explains the failed authentication', async ({ app }) => {
  const why = app.getByTestId('why-box');
  await why.getByLabel('User').fill('alice');
  await why.getByLabel('Command (empty: exec authorization)').fill('show version');
  await why.getByLabel('Password (optional)').fill('not-alice-pass');
  await why.getByRole('button', { name: 'Why?' }).click();
  const result = why.getByTestId('why-result');
  await expect(result).toHaveAttribute('data-allow', 'false');
  await expect(why.getByTestId('why-authentication')).toContainText('deny');
  // The password never comes back in the explanation.
  await expect(result).not.toContainText('not-alice-pass');
});
