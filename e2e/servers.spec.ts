import { accessRequest } from './radius-client';
import { expect, keepScreenshot, listeners, openApp, test } from './fixtures';

const bob = { host: '127.0.0.1', secret: 'testing123', username: 'bob', password: 'bob-pass' };

test('stop and start RADIUS authentication from the Servers screen; a second window follows', async ({
  app,
  lab,
  context,
}, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  expect((await accessRequest({ ...bob, port: auth.port })).code).toBe(2);

  await app.locator('a[data-screen="servers"]').click();
  const screen = app.getByTestId('screen-servers');
  const row = screen.locator('tr[data-service="radius-auth"]');
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row).toContainText('RADIUS authentication');

  // A second window on the same lab sees the change without a refresh.
  const other = await context.newPage();
  await openApp(other, `${lab.url}#/servers`);
  const otherRow = other.getByTestId('screen-servers').locator('tr[data-service="radius-auth"]');
  await expect(otherRow).toHaveAttribute('data-state', 'running');

  // Stop asks first; the confirmation names the service.
  await row.getByTestId('service-stop-radius-auth').click();
  await row.getByRole('button', { name: 'Stop RADIUS authentication' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect(row).toContainText('stays stopped across reloads');
  await expect(otherRow).toHaveAttribute('data-state', 'stopped');
  // Accounting keeps running; authentication gets no answer.
  await expect(screen.locator('tr[data-service="radius-acct"]')).toHaveAttribute('data-state', 'running');
  await expect(accessRequest({ ...bob, port: auth.port, timeoutMs: 800 })).rejects.toThrow(/no RADIUS reply/);
  await keepScreenshot(app, 'servers-radius-auth-stopped', testInfo.attach.bind(testInfo));

  await row.getByTestId('service-start-radius-auth').click();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(otherRow).toHaveAttribute('data-state', 'running');
  expect((await accessRequest({ ...bob, port: auth.port })).code).toBe(2);

  // The web listener serving this page is listed with the reason it has no Stop.
  await expect(screen.getByTestId('service-locked-web')).toContainText('cut that page off');
  await other.close();
});
