import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';

test('accounting record drawer: every attribute, Acct-Terminate-Cause, the session timeline', async ({
  app,
  lab,
}, testInfo) => {
  const acct = (await listeners(lab)).find((l) => l.service === 'radius-acct')!;
  const send = (acctStatus: string, attributes: string) =>
    rpc(lab, 'client.radius', {
      ...{ code: 'acct', host: '127.0.0.1', port: acct.port, secret: 'testing123', user: 'carol' },
      acctStatus,
      attributes: `Acct-Session-Id = "drawer-1"\n${attributes}`,
    });
  await send('Start', 'Framed-IP-Address = 10.1.1.9');
  await send('Stop', 'Acct-Session-Time = 61\nAcct-Input-Octets = 4321\nAcct-Terminate-Cause = User-Request');

  await app.locator('nav a[data-screen="accounting"]').click();
  const screen = app.getByTestId('screen-accounting');
  await screen.getByTestId('accounting-records').locator('.dt-row', { hasText: 'stop' }).click();
  const drawer = app.getByTestId('acct-drawer');
  await expect(drawer).toBeVisible();
  const attrs = drawer.getByTestId('acct-attributes');
  await expect(attrs.getByRole('row', { name: /Acct-Terminate-Cause/ })).toContainText('User-Request');
  await expect(attrs.getByRole('row', { name: /Acct-Input-Octets/ })).toContainText('4321');
  await expect(drawer.getByTestId('acct-timeline')).toContainText(/start.*stop/is);
  await keepScreenshot(app, 'accounting-drawer', testInfo.attach.bind(testInfo));

  // Its packets, one click away.
  await drawer.getByRole('button', { name: 'Packets in trace' }).click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  await expect(app.locator('[data-trace-id]').first()).toContainText('Accounting');
});
