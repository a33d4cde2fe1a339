import { expect, keepScreenshot, test } from './fixtures';

test('bench: an example suite runs from the Bench screen and passes, each step linked to the trace', async ({
  app,
}, testInfo) => {
  await app.locator('nav a[data-screen="bench"]').click();
  const screen = app.getByTestId('screen-bench');
  await expect(screen).toBeVisible();

  await screen.getByRole('button', { name: 'bob-read-only.yaml' }).click();
  await expect(screen.getByTestId('bench-editor')).toHaveValue(/name: bob read-only/);
  await screen.getByTestId('bench-run').click();

  const verdict = screen.getByTestId('bench-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 30_000 });
  await expect(verdict).toContainText('7/7 steps passed');
  const denied = screen.getByTestId('bench-step-4');
  await expect(denied).toHaveAttribute('data-status', 'pass');
  await expect(denied.locator('a[href^="#/trace?id="]').first()).toBeVisible();
  await keepScreenshot(app, 'bench-suite-pass', testInfo.attach.bind(testInfo));

  // A malformed edit is refused before running, with the line.
  await screen
    .getByTestId('bench-editor')
    .fill('steps:\n  - type: radius-auth\n    expect: { status: [1] }\n');
  await expect(screen.getByTestId('bench-issues')).toContainText('line 3');
  await expect(screen.getByTestId('bench-run')).toBeDisabled();
});

test('bench: a short load run draws its charts and a summary', async ({ app }, testInfo) => {
  await app.locator('nav a[data-screen="bench"]').click();
  const screen = app.getByTestId('screen-bench');
  await screen.getByRole('tab', { name: 'Load' }).click();
  await screen.getByTestId('load-secret').fill('testing123');
  await screen.getByLabel('Password', { exact: true }).fill('alice-pass');
  await screen.getByLabel('Concurrency').fill('4');
  await screen.getByLabel('Duration s').fill('3');
  await screen.getByTestId('load-start').click();
  const summary = screen.getByTestId('load-summary');
  await expect(summary).toContainText('0 errors', { timeout: 30_000 });
  await expect(screen.getByTestId('load-charts')).toBeVisible();
  await keepScreenshot(app, 'bench-load', testInfo.attach.bind(testInfo));
});
