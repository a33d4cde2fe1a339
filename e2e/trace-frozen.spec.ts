import { expect, keepScreenshot, listeners, test } from './fixtures';
import { radiusFlood } from './radius-flood';

test('the packet list stays still while ~2,000 records/s arrive once the user picks a packet', async ({
  app,
  lab,
}, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth');
  expect(auth, 'the fixture lab runs a RADIUS auth listener').toBeDefined();
  const target = { host: auth!.address, port: auth!.port, secret: 'testing123' };

  await app.locator('nav a[data-screen="trace"]').click();
  const list = app.getByTestId('trace-list');
  const flood = await radiusFlood({ ...target, username: 'bob', password: 'bob-pass' }, 1000);
  try {
    const rows = app.locator('[data-trace-id]');
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    // Scroll up a little and pick a packet: the view freezes there.
    await list.hover();
    await app.mouse.wheel(0, -300);
    const picked = rows.nth(5);
    const id = await picked.getAttribute('data-trace-id');
    await picked.click();
    const row = app.locator(`[data-trace-id="${id}"]`);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    const before = await row.boundingBox();

    // Records keep arriving: they are counted, and the picked row does not move.
    const fresh = app.getByTestId('trace-new');
    await expect
      .poll(async () => Number((await fresh.textContent())?.match(/\d+/)?.[0] ?? 0))
      .toBeGreaterThan(2000);
    expect(await row.boundingBox()).toEqual(before);
    await expect(row).toBeInViewport();
    await expect(app.getByTestId('field-tree')).toContainText(`Packet #${id}`);
    await keepScreenshot(app, 'trace-frozen', testInfo.attach.bind(testInfo));

    // Keys move the selection without unfreezing; End jumps to the newest packet and follows again.
    await list.press('PageDown');
    await expect(row).toHaveAttribute('aria-selected', 'false');
    await list.press('End');
    await expect(list).toHaveAttribute('data-following', 'true');
    await expect(fresh).toHaveCount(0);
  } finally {
    await flood.stop();
  }
});
