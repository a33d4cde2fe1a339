import { expect, keepScreenshot, listeners, test } from './fixtures';
import { accessRequest } from './radius-client';

test('display filter: ~ finds bob, a packet field is filtered by the engine, mistakes are pointed at', async ({
  app,
  lab,
}, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  const send = (username: string, password: string) =>
    accessRequest({ host: auth.address, port: auth.port, secret: 'testing123', username, password });
  await send('alice', 'alice-pass');
  await send('bob', 'wrong-password');

  await app.locator('nav a[data-screen="trace"]').click();
  const rows = app.locator('[data-trace-id]');
  await expect(rows).toHaveCount(4);
  const bar = app.getByTestId('display-filter');
  const input = bar.getByLabel('Display filter expression');

  // A mistake is shown where it is, and nothing is applied.
  await input.fill('user = "bob"');
  await expect(bar.getByTestId('display-filter-problem')).toContainText('Column 6');
  await expect(bar.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await keepScreenshot(app, 'trace-filter-invalid', testInfo.attach.bind(testInfo));

  await input.fill('user ~ "bo"');
  await input.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'alice' })).toHaveCount(0);
  await expect(rows.first()).toContainText('bob');

  // The filter holds for packets that arrive live.
  await send('bob', 'bob-pass');
  await expect(rows).toHaveCount(4);

  // A RADIUS attribute: evaluated by the engine over the packets' fields.
  await input.fill('radius.User-Name == "alice" && dir == out');
  await input.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Access-Accept');
  await keepScreenshot(app, 'trace-filter-attribute', testInfo.attach.bind(testInfo));

  // Saved, cleared, picked again.
  await bar.getByTestId('saved-filters').locator('summary').click();
  await bar.getByLabel('Saved filter name').fill('alice ok');
  await bar.getByRole('button', { name: 'Save the applied filter' }).click();
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(rows).toHaveCount(6);
  await bar.getByRole('button', { name: 'alice ok', exact: true }).click();
  await expect(rows).toHaveCount(1);
});
