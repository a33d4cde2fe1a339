import { expect, keepScreenshot, test } from './fixtures';

test("switch snippets match the lab's policy, fill in the device's secret on demand and copy it", async ({
  app,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.locator('nav a[data-screen="devices"]').click();
  const snippets = app.getByTestId('switch-snippets');
  const snippet = snippets.getByTestId('snippet');

  // IOS-XE: command authorization and accounting at every level the lab's groups use (helpdesk 1,
  // netops 15), and the source interface the lab recognises the device by.
  await expect(snippet).toContainText('AAA Lab → Cisco IOS / IOS-XE for device "lab-loopback"');
  for (const lvl of [1, 15]) {
    await expect(snippet).toContainText(`aaa authorization commands ${lvl} default group AAA-LAB-TACACS`);
    await expect(snippet).toContainText(
      `aaa accounting commands ${lvl} default start-stop group AAA-LAB-TACACS`,
    );
  }
  await expect(snippet).toContainText('ip tacacs source-interface');
  await expect(snippet).toContainText('ip radius source-interface');
  await expect(snippet).toContainText('matches devices by source address');

  // Secrets stay placeholders until asked for.
  await expect(snippet).toContainText('key 0 TACACS-SECRET');
  await expect(snippet).not.toContainText('testing123');
  await snippets.getByRole('button', { name: "Fill in the lab's secrets" }).click();
  await expect(snippet).toContainText('key 0 testing123');
  await expect(snippet).toContainText('server-key 0 testing123');
  await expect(snippets.getByLabel('TACACS+ secret')).toHaveValue('testing123');

  // Copy puts exactly what is shown on the clipboard, and says so.
  await snippets.getByTestId('snippet-copy').click();
  await expect(snippets.getByTestId('snippet-copy')).toHaveText('Copied');
  const copied = await app.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(await snippet.textContent());
  await keepScreenshot(app, 'switch-snippet-ios', testInfo.attach.bind(testInfo));

  // Junos: helpdesk maps to a class that is not super-user, with what Junos does not send, and commit.
  await snippets.getByRole('tab', { name: 'Juniper Junos' }).click();
  await expect(snippet).toContainText('set system login user helpdesk class read-only');
  await expect(snippet).toContainText('set system login user netops class super-user');
  await expect(snippet).toContainText('Junos ignores priv-lvl');
  await expect(snippet).toContainText('no per-command authorization');
  await expect(snippet).toContainText('secret "testing123"');
  await expect(snippet).toContainText(/^commit$/m);
  await keepScreenshot(app, 'switch-snippet-junos', testInfo.attach.bind(testInfo));
  await snippets.getByRole('tab', { name: 'Cisco IOS-XR' }).click();
  await expect(snippet).toContainText(/^commit$/m);

  // Hidden again: placeholders back.
  await snippets.getByRole('button', { name: 'Hide secrets' }).click();
  await expect(snippet).not.toContainText('testing123');
  await expect(snippet).toContainText('key 0 TACACS-SECRET');
});
