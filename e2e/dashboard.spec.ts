import { expect, keepScreenshot, listeners, openApp, rpc, test } from './fixtures';
import { accessRequest } from './radius-client';

interface Tick {
  at: number;
  radiusAuth: { requests: number; pass: number; fail: number } | null;
}

test('traffic sent before the page opens is on the dashboard, with gaps only where there is no data', async ({
  page,
  lab,
}, testInfo) => {
  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  const send = (password: string) =>
    accessRequest({ host: auth.address, port: auth.port, secret: 'testing123', username: 'alice', password });
  for (let i = 0; i < 5; i++) expect((await send('alice-pass')).code).toBe(2);
  for (let i = 0; i < 3; i++) expect((await send('wrong')).code).toBe(3);
  // The engine closes a second once a second: wait until it holds all eight replies.
  await expect
    .poll(async () => {
      const { ticks } = await rpc<{ ticks: Tick[] }>(lab, 'stats.history');
      return ticks.reduce((n, t) => n + (t.radiusAuth?.requests ?? 0), 0);
    })
    .toBe(8);

  await openApp(page, lab.url);
  await page.locator('nav a[data-screen="dashboard"]').click();
  const radius = page.getByTestId('dash-radiusAuth');
  await expect(radius.getByTestId('dash-radiusAuth-summary')).toHaveAttribute('data-requests', '8');
  await expect(radius.getByTestId('dash-radiusAuth-summary')).toContainText('8 in 5 min');
  // Pass and fail are drawn (an area with a shape), on this protocol's own chart.
  const areas = radius.getByTestId('chart-requests').locator('path.recharts-area-area');
  await expect(areas).toHaveCount(3);
  await expect(areas.first()).toHaveAttribute('d', /L/);
  // TACACS+ runs but saw nothing: a real zero rate, not "not running".
  await expect(page.getByTestId('dash-tacacs-summary')).toContainText('0/s now');
  // p50 and p99 differ in colour and dash, and the legend names both.
  const latency = radius.getByTestId('chart-latency');
  await expect(latency.locator('.recharts-legend-item-text')).toHaveText(['p50', 'p99']);
  const p50 = latency.locator('path.recharts-line-curve').first();
  const p99 = latency.locator('path.recharts-line-curve').nth(1);
  await expect(p99).toHaveAttribute('stroke-dasharray', '5 3');
  expect(await p50.getAttribute('stroke-dasharray')).toBeNull();
  expect(await p50.getAttribute('stroke')).not.toBe(await p99.getAttribute('stroke'));
  await keepScreenshot(page, 'dashboard-history', testInfo.attach.bind(testInfo));

  // Stopping the lab: the seconds after it are gaps (no data), and every protocol says so.
  await rpc(lab, 'lab.stop');
  await expect(page.getByTestId('dash-tacacs-summary')).toHaveText('not running');
  await expect(page.getByTestId('dash-radiusAuth-summary')).toHaveText('not running');
});

test('the dashboard charts follow the dark theme (grid, axes, tooltip)', async ({ app }, testInfo) => {
  await app.locator('nav a[data-screen="dashboard"]').click();
  const grid = app.getByTestId('dash-tacacs').locator('.recharts-cartesian-grid line').first();
  await expect(grid).toHaveAttribute('stroke', '#eceef2');
  await app.getByTestId('theme-toggle').selectOption('dark');
  await expect(grid).toHaveAttribute('stroke', '#2a303c');
  const tick = app.getByTestId('dash-tacacs').locator('.recharts-cartesian-axis-tick-value').first();
  await expect(tick).toHaveAttribute('fill', '#a3acbd');
  // The tooltip box takes the panel colour of the theme.
  const chart = app.getByTestId('dash-tacacs').getByTestId('chart-requests');
  const box = (await chart.getByRole('application').boundingBox())!;
  await app.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  const tooltip = chart.locator('.recharts-default-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveCSS('background-color', 'rgb(28, 32, 40)');
  await keepScreenshot(app, 'dashboard-dark', testInfo.attach.bind(testInfo));
});
