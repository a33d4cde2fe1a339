import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';
import { accessRequest } from './radius-client';

test('Stop lab and Clear trace ask first; Cancel and Escape change nothing', async ({
  app,
  lab,
}, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  await accessRequest({
    host: auth.address,
    port: auth.port,
    secret: 'testing123',
    username: 'bob',
    password: 'bob-pass',
  });

  // Clear trace: the question says how many packets go; Cancel keeps them.
  await app.locator('nav a[data-screen="trace"]').click();
  const rows = app.locator('[data-trace-id]');
  await expect(rows).toHaveCount(2);
  await app.getByTestId('trace-clear').click();
  const ask = app.getByRole('alertdialog', { name: 'Clear' });
  await expect(ask).toContainText('Delete all 2 recorded packets');
  await keepScreenshot(app, 'trace-clear-confirm', testInfo.attach.bind(testInfo));
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(2);
  await app.getByTestId('trace-clear').click();
  await app.getByRole('button', { name: 'Clear trace' }).click();
  await expect(rows).toHaveCount(0);

  // Stop lab: Escape steps back with the lab still running; confirming stops every listener.
  await app.locator('nav a[data-screen="status"]').click();
  const screen = app.getByTestId('screen-status');
  await screen.getByRole('button', { name: 'Stop lab' }).click();
  const stop = screen.getByRole('alertdialog', { name: 'Stop lab' });
  await expect(stop).toContainText('Stop every listener?');
  await keepScreenshot(app, 'stop-lab-confirm', testInfo.attach.bind(testInfo));
  await app.keyboard.press('Escape');
  await expect(stop).toHaveCount(0);
  expect((await rpc<{ state: string }>(lab, 'lab.status')).state).toBe('running');
  await screen.getByRole('button', { name: 'Stop lab' }).click();
  await stop.getByRole('button', { name: 'Stop lab' }).click();
  await expect(screen.getByRole('button', { name: 'Start lab' })).toBeVisible();
  expect((await rpc<{ state: string }>(lab, 'lab.status')).state).toBe('stopped');
});
