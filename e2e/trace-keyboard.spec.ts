import type { Locator, Page } from '@playwright/test';
import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';

/** Presses Tab until focus is inside `target` (at most `max` times): the pane is reachable by keyboard. */
async function tabInto(app: Page, target: Locator, max = 12): Promise<void> {
  for (let i = 0; i < max; i++) {
    await app.keyboard.press('Tab');
    if (await target.evaluate((el) => el.contains(el.ownerDocument.activeElement))) return;
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${max} presses`);
}

test('the field tree and the bytes pane work by keyboard alone, with visible focus and labelled filters', async ({
  app,
  lab,
}, testInfo) => {
  const tacacs = (await listeners(lab)).find((l) => l.service === 'tacacs')!;
  const r = await rpc<{ lab?: { traceIds: number[] } }>(lab, 'client.tacacs', {
    host: tacacs.address,
    port: tacacs.port,
    secret: 'testing123',
    op: 'authenticate',
    type: 'pap',
    user: 'alice',
    password: 'alice-pass',
  });
  const id = r.lab!.traceIds[0]!;
  await app.goto(app.url().replace(/#.*$/, `#/trace?id=${id}`));
  await expect(app.locator(`[data-trace-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');

  // Every filter control on the trace screen has an accessible name.
  const controls = app.locator(
    '[data-testid="trace-filters"] :is(input, select, button), [data-testid="display-filter"] :is(input, select, button)',
  );
  await app.getByTestId('saved-filters').locator('summary').click(); // its name field is in a menu
  expect(await controls.count()).toBeGreaterThan(8);
  for (const c of await controls.filter({ visible: true }).all()) await expect(c).toHaveAccessibleName(/\S/);
  await app.getByTestId('saved-filters').locator('summary').click();
  await expect(app.getByRole('group', { name: 'Protocol' }).getByRole('checkbox')).toHaveCount(5);

  // From the packet list, Tab reaches the field tree: one row in the tab order, focus visible.
  await app.getByRole('grid', { name: 'Packets' }).focus();
  const tree = app.getByRole('tree', { name: 'Fields' });
  await tabInto(app, tree);
  const focused = tree.locator('[role="treeitem"]:focus');
  await expect(focused).toHaveAttribute('data-field-path', '0');
  await expect(focused).toHaveCSS('outline-style', 'solid');

  // Left closes the open Header, Down selects the next row (the body), Right enters it, Down walks it.
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  await app.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('aria-expanded', 'false');
  await app.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('data-field-path', '1');
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  await expect(focused).toContainText('Authentication START');
  await app.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('data-field-path', '1/0');
  for (let i = 0; i < 8; i++) await app.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('data-field-path', '1/8');
  await expect(focused.locator('.label')).toHaveText('user');
  // The selected field's bytes are highlighted in the bytes pane.
  const hex = app.getByTestId('hex-pane');
  await expect(hex.locator('.hex-bytes .hl')).toHaveCount(5);

  // Left goes to the parent, Left again closes it, Right opens it; End and Home jump.
  await app.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('data-field-path', '1');
  await app.keyboard.press('ArrowLeft');
  await expect(focused).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.locator('[data-field-path="1/0"]')).toHaveCount(0);
  await app.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  await app.keyboard.press('End');
  const last = await tree.getByRole('treeitem').last().getAttribute('data-field-path');
  await expect(focused).toHaveAttribute('data-field-path', last!);
  await app.keyboard.press('Home');
  await expect(focused).toHaveAttribute('data-field-path', '0');

  // Tab on to the bytes pane: arrows move the byte cursor and select the byte's field.
  const bytes = app.getByTestId('hex-bytes');
  await tabInto(app, bytes);
  await expect(bytes).toBeFocused();
  await expect(bytes).toHaveCSS('outline-style', 'solid');
  await app.keyboard.press('Home');
  await expect(bytes).toHaveAttribute('data-cursor', '0');
  await app.keyboard.press('ArrowDown');
  await expect(bytes).toHaveAttribute('data-cursor', '16');
  await app.keyboard.press('ArrowRight');
  await expect(bytes).toHaveAttribute('data-cursor', '17');
  // Byte 17: after the 12-byte header, action, priv_lvl, authen_type, authen_service, user_len, port_len.
  const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
  await expect(selected.locator('.label')).toHaveText('port_len');
  await expect(bytes.locator('[data-offset="17"]')).toHaveClass(/cursor/);
  await keepScreenshot(app, 'trace-keyboard', testInfo.attach.bind(testInfo));

  // The byte views are tabs: Left/Right switch between Frame and Decrypted TACACS+.
  await app.keyboard.press('Shift+Tab');
  await expect(hex.getByRole('tab', { name: /^Frame/ })).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(hex.getByRole('tab', { name: 'Decrypted TACACS+' })).toHaveAttribute('aria-selected', 'true');
  await expect(hex).toHaveAttribute('data-view', 'decrypted');
});
