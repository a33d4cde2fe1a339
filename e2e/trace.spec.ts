import { expect, keepScreenshot, listeners, test } from './fixtures';
import { accessRequest } from './radius-client';

test('packet trace shows live RADIUS packets with fields and linked hex', async ({ app, lab }, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth');
  expect(auth, 'the fixture lab runs a RADIUS auth listener').toBeDefined();
  if (!auth) return;

  // Open the trace first so the rows must arrive live ('trace.appended'), not from the initial list.
  await app.locator('nav a[data-screen="trace"]').click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  const rows = app.locator('[data-trace-id]');
  const before = await rows.count();

  const send = (username: string, password: string) =>
    accessRequest({ host: auth.address, port: auth.port, secret: 'testing123', username, password });
  expect((await send('alice', 'alice-pass')).code).toBe(2);
  expect((await send('bob', 'wrong-password')).code).toBe(3);

  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(before + 4);
  const request = rows.filter({ hasText: 'alice' }).first();
  await request.click();
  await expect(request).toHaveAttribute('aria-selected', 'true');

  const tree = app.getByTestId('field-tree');
  const hex = app.getByTestId('hex-pane');
  await expect(tree.getByRole('treeitem').first()).toBeVisible();
  await expect(hex.locator('[data-offset="0"]')).toBeVisible();
  // The password is never shown in clear.
  await expect(tree).not.toContainText('alice-pass');

  // Byte → innermost field: clicking the first byte (RADIUS Code) selects a field covering it.
  await hex.locator('[data-offset="0"]').click();
  await expect(tree.locator('[role="treeitem"][aria-selected="true"]')).toHaveCount(1);
  await expect(hex.locator('[data-offset="0"]')).toHaveClass(/hl/);

  // Field → bytes: selecting the first field highlights its bytes.
  await tree.locator('[data-field-path="0"]').click();
  await expect(hex.locator('[data-offset="0"]')).toHaveClass(/hl/);
  await keepScreenshot(app, 'trace-selected', testInfo.attach.bind(testInfo));

  // Filter by result: only failures remain, and bob's reject is among them.
  await app.getByTestId('trace-filters').getByRole('checkbox', { name: 'fail' }).check();
  await expect(rows.filter({ hasText: 'bob' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'alice' })).toHaveCount(0);
  await keepScreenshot(app, 'trace-filtered', testInfo.attach.bind(testInfo));
});
