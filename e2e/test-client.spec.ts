import { expect, keepScreenshot, listeners, rpc, test } from './fixtures';

test('test client: TACACS+ PAP for alice passes, RADIUS PAP for bob is accepted, both in the trace', async ({
  app,
  lab,
}, testInfo) => {
  const all = await listeners(lab);
  const tacacs = all.find((l) => l.service === 'tacacs');
  const auth = all.find((l) => l.service === 'radius-auth');
  expect(tacacs && auth, 'the fixture lab runs TACACS+ and RADIUS listeners').toBeTruthy();

  await app.locator('nav a[data-screen="client"]').click();
  const screen = app.getByTestId('screen-client');
  await expect(screen).toBeVisible();

  // TACACS+: the server and port are pre-filled from the lab's own listener; the secret is typed.
  const tform = screen.getByTestId('tacacs-form');
  await expect(tform.getByLabel('Port', { exact: true })).toHaveValue(String(tacacs!.port));
  await expect(tform.getByLabel('Server')).toHaveValue('127.0.0.1');
  await tform.getByLabel('Shared secret').fill('testing123');
  await tform.getByLabel('User', { exact: true }).fill('alice');
  await tform.getByLabel('Password', { exact: true }).fill('alice-pass');
  await tform.getByLabel('Type').selectOption('pap');
  await screen.getByLabel(/Expect status/).fill('pass');
  await screen.getByRole('button', { name: 'Send' }).click();

  const result = screen.getByTestId('client-result');
  await expect(result).toHaveAttribute('data-status', 'PASS');
  await expect(result.getByTestId('client-assertions').locator('li[data-ok="true"]')).toHaveCount(1);
  const exchange = screen.getByTestId('client-exchange');
  await expect(exchange.getByRole('button', { name: /sent.*START/i })).toBeVisible();
  await expect(exchange.getByTestId('field-tree').getByRole('treeitem').first()).toBeVisible();
  await expect(exchange.getByTestId('hex-pane').locator('[data-offset="0"]')).toBeVisible();
  const tacacsIds = await traceIds(exchange);
  expect(tacacsIds).toHaveLength(2);
  await keepScreenshot(app, 'client-tacacs-pass', testInfo.attach.bind(testInfo));

  // RADIUS: Access-Request for bob.
  await screen.getByRole('tab', { name: 'RADIUS' }).click();
  const rform = screen.getByTestId('radius-form');
  await expect(rform.getByLabel('Port', { exact: true })).toHaveValue(String(auth!.port));
  await rform.getByLabel('Shared secret').fill('testing123');
  await rform.getByLabel('User-Name').fill('bob');
  await rform.getByLabel('Password', { exact: true }).fill('bob-pass');
  await screen.getByLabel(/Expect status/).fill('accept');
  await screen.getByLabel(/Expect attributes/).fill('Service-Type=NAS-Prompt-User');
  await screen.getByRole('button', { name: 'Send' }).click();
  await expect(result).toHaveAttribute('data-status', 'Access-Accept');
  await expect(result.getByTestId('client-assertions').locator('li[data-ok="true"]')).toHaveCount(2);
  await expect(result.getByTestId('client-reply-attributes')).toContainText('NAS-Prompt-User');
  const radiusIds = await traceIds(exchange);
  expect(radiusIds).toHaveLength(2);
  // Secrets typed in the form are never echoed in the result.
  await expect(screen.getByTestId('client-result')).not.toContainText('bob-pass');
  await keepScreenshot(app, 'client-radius-accept', testInfo.attach.bind(testInfo));

  // The same packets are in the Packet trace.
  await app.locator('nav a[data-screen="trace"]').click();
  await expect(app.getByTestId('screen-trace')).toBeVisible();
  // The exchange lists the Test client's own copies, which the trace shows when asked to.
  await app.getByTestId('trace-filters').getByLabel('Test-client copies').check();
  for (const id of [...tacacsIds, ...radiusIds])
    await expect(app.locator(`[data-trace-id="${id}"]`), `trace record #${id}`).toBeVisible();
  await app.locator(`[data-trace-id="${radiusIds[1]}"]`).click();
  await expect(app.getByTestId('field-tree')).toContainText('Access-Accept');
  await keepScreenshot(app, 'client-packets-in-trace', testInfo.attach.bind(testInfo));
});

/** The trace ids the exchange lists ("trace #12"). */
async function traceIds(exchange: import('@playwright/test').Locator): Promise<number[]> {
  const texts = await exchange.getByRole('button').allTextContents();
  return texts.flatMap((t) => {
    const m = /trace #(\d+)/.exec(t);
    return m ? [Number(m[1])] : [];
  });
}

test('live sessions: CoA on a RADIUS session opens the test client pre-filled and gets CoA-ACK', async ({
  app,
  lab,
}, testInfo) => {
  const all = await listeners(lab);
  const acct = all.find((l) => l.service === 'radius-acct');
  const coa = all.find((l) => l.service === 'coa');
  expect(acct && coa, 'the fixture lab runs RADIUS accounting and CoA listeners').toBeTruthy();
  // An open accounting session for bob, sent through the test client procedure itself.
  const started = await rpc<{ code: string }>(lab, 'client.radius', {
    code: 'acct',
    host: '127.0.0.1',
    port: acct!.port,
    secret: 'testing123',
    user: 'bob',
    acctStatus: 'Start',
    attributes: 'Acct-Session-Id = e2e-sess-1\nFramed-IP-Address = 10.9.8.7',
  });
  expect(started.code).toBe('Accounting-Response');

  await app.locator('nav a[data-screen="sessions"]').click();
  const row = app.getByTestId('acct-sessions').getByRole('row', { name: /e2e-sess-1/ });
  await row.getByRole('button', { name: 'CoA' }).click();

  const screen = app.getByTestId('screen-client');
  await expect(screen).toBeVisible();
  const rform = screen.getByTestId('radius-form');
  await expect(rform.getByLabel('Request')).toHaveValue('coa');
  await expect(rform.getByLabel('Port', { exact: true })).toHaveValue(String(coa!.port));
  await expect(rform.getByLabel('Vendor preset')).toHaveValue('generic-coa');
  await expect(rform.getByLabel('Acct-Session-Id')).toHaveValue('e2e-sess-1');
  await expect(rform.getByLabel('Framed-IP-Address')).toHaveValue('10.9.8.7');
  await expect(rform.getByLabel('User-Name')).toHaveValue('bob');
  await rform.getByLabel('Shared secret').fill('testing123');
  await screen.getByRole('button', { name: 'Send' }).click();
  await expect(screen.getByTestId('client-result')).toHaveAttribute('data-status', 'CoA-ACK');
  await keepScreenshot(app, 'client-coa-from-session', testInfo.attach.bind(testInfo));
});
