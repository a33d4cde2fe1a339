import { expect, listeners, rpc, test } from './fixtures';

test('the Accounting table shows new records as they are committed, without Refresh', async ({
  app,
  lab,
}) => {
  const acct = (await listeners(lab)).find((l) => l.service === 'radius-acct')!;
  await app.locator('nav a[data-screen="accounting"]').click();
  const rows = app.getByTestId('screen-accounting').getByTestId('accounting-records').locator('.dt-row');
  await expect(app.getByTestId('screen-accounting')).toBeVisible();
  await expect(rows.filter({ hasText: 'live-dave' })).toHaveCount(0);

  await rpc(lab, 'client.radius', {
    ...{ code: 'acct', host: '127.0.0.1', port: acct.port, secret: 'testing123', user: 'live-dave' },
    acctStatus: 'Start',
    attributes: 'Acct-Session-Id = "live-1"',
  });
  // "accounting.recorded" arrives within a second of the commit and the newest page is fetched again.
  await expect(rows.filter({ hasText: 'live-dave' })).toHaveCount(1, { timeout: 5_000 });
});
