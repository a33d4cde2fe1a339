import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, repoRoot, rpc, test } from './fixtures';
import { seedTraffic } from './lab-traffic';

/**
 * Where the pictures go: test-results (Playwright's output folder, never committed) unless
 * AAA_LAB_SCREENSHOTS_DIR names another; one folder per theme, one file per screen.
 */
const OUT = process.env.AAA_LAB_SCREENSHOTS_DIR ?? join(repoRoot, 'test-results', 'screens');
const VIEWPORT = { width: 1440, height: 900 };

/** The whole screen, not only the viewport: the app scrolls inside <main>, so grow the viewport to it. */
async function shoot(page: Page, path: string): Promise<void> {
  const height = await page.locator('main.content').evaluate((m) => m.scrollHeight);
  await page.setViewportSize({
    width: VIEWPORT.width,
    height: Math.min(6000, Math.max(VIEWPORT.height, height)),
  });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await page.setViewportSize(VIEWPORT);
}

test('every screen in the light and the dark theme, with traffic in the lab, without console errors', async ({
  page,
  lab,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  await seedTraffic(lab);
  // The dashboard's charts come from the engine's history: wait until it holds the CoA second.
  await expect
    .poll(async () => {
      const { ticks } = await rpc<{ ticks: { coa: { requests: number } | null }[] }>(lab, 'stats.history');
      return ticks.some((t) => (t.coa?.requests ?? 0) > 0);
    })
    .toBe(true);

  await page.setViewportSize(VIEWPORT);
  await openApp(page, lab.url);
  const screens = await page
    .locator('nav a[data-screen]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('data-screen')!));
  expect(screens.length).toBeGreaterThanOrEqual(14);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme-toggle').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    mkdirSync(join(OUT, theme), { recursive: true });
    for (const [i, id] of screens.entries()) {
      await page.locator(`nav a[data-screen="${id}"]`).click();
      await expect(page.getByTestId(`screen-${id}`)).toBeVisible();
      await shoot(page, join(OUT, theme, `${String(i + 1).padStart(2, '0')}-${id}.png`));
    }
  }
  expect(problems, 'the browser console stays free of errors on every screen').toEqual([]);
});
