import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';

test('an accounting session: follow Start → Interim → Stop in the trace, packet → record → packets', async ({
  app,
  lab,
}, testInfo) => {
  const all = await listeners(lab);
  const acct = all.find((l) => l.service === 'radius-acct')!;
  const coa = all.find((l) => l.service === 'coa')!;
  // The lab's own CoA responder stands in for the NAS: it refuses requests with Framed-IP-Netmask.
  const dynAuth = (code: 'coa' | 'disconnect', attributes = '') =>
    rpc(lab, 'client.radius', {
      ...{ code, host: '127.0.0.1', port: coa.port, secret: 'testing123', user: 'carol' },
      attributes: `Acct-Session-Id = "links-1"\n${attributes}`,
    });
  const send = (acctStatus: string, attributes = '') =>
    rpc(lab, 'client.radius', {
      ...{ code: 'acct', host: '127.0.0.1', port: acct.port, secret: 'testing123', user: 'carol' },
      acctStatus,
      attributes: `Acct-Session-Id = "links-1"\n${attributes}`,
    });
  await send('Start');
  await send('Interim-Update', 'Acct-Input-Octets = 100');
  await dynAuth('coa', 'Framed-IP-Netmask = 255.255.255.0');
  await dynAuth('disconnect');
  await send('Stop', 'Acct-Input-Octets = 900\nAcct-Terminate-Cause = Idle-Timeout');

  // Follow the accounting session from its first packet: its three accounting requests and the
  // two CoA/Disconnect requests the responder received, each with its response.
  await app.locator('nav a[data-screen="trace"]').click();
  const rows = app.locator('[data-trace-id]');
  await expect(rows).toHaveCount(10);
  await rows.filter({ hasText: /Accounting-Request .*Start/ }).click();
  await app.getByRole('button', { name: 'Follow accounting session' }).click();
  await expect(app.getByTestId('display-filter').getByLabel('Display filter expression')).toHaveValue(
    /^\(radius\.Acct-Session-Id == "links-1"\)( \|\| request == \d+){5}$/,
  );
  await expect(rows).toHaveCount(10);
  await expect(rows.filter({ hasText: 'Accounting-Response' })).toHaveCount(3);

  // The Stop request → its stored record, in the drawer.
  await rows.filter({ hasText: /Accounting-Request .*Stop/ }).click();
  await app.getByTestId('packet-record').click();
  const drawer = app.getByTestId('acct-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer.locator('h2')).toContainText('stop · carol');
  await expect(
    drawer.getByTestId('acct-attributes').getByRole('row', { name: /Acct-Terminate-Cause/ }),
  ).toContainText('Idle-Timeout');
  // The session's life, with what the lab asked of its NAS and the answers.
  const timeline = drawer.getByTestId('acct-timeline');
  await expect(timeline).toContainText(
    /start.*interim.*CoA-Request → CoA-NAK.*Disconnect-Request → Disconnect-ACK.*stop/is,
  );
  await expect(timeline.locator('li[data-result="fail"]')).toContainText('CoA-NAK');
  await keepScreenshot(app, 'trace-packet-to-record', testInfo.attach.bind(testInfo));

  // …and from the record back to its packets.
  await drawer.getByRole('button', { name: 'Packets in trace' }).click();
  await expect(rows.filter({ hasText: /Accounting-Request .*session=links-1/ })).toHaveCount(3);

  // The same timeline from the Live sessions screen.
  await app.locator('nav a[data-screen="sessions"]').click();
  const session = app.getByTestId('acct-sessions').getByRole('row', { name: /links-1/ });
  await session.getByRole('button', { name: 'Timeline' }).click();
  await expect(app.getByTestId('acct-timeline')).toContainText('Disconnect-Request → Disconnect-ACK');
});
