import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixtureLab, repoRoot } from './fixtures';

/**
 * Resolves the Electron binary the way node_modules/electron does, without requiring it: Electron 45
 * downloads its binary lazily on `require('electron')`, which must not happen on an offline machine.
 */
function electronBinary(): string | undefined {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron',
    );
    return existsSync(bin) ? bin : undefined;
  }
  if (!existsSync(pathFile)) return undefined;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : undefined;
}

// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring to inject fixtures
test('the desktop app opens on the lab status with the fixture lab', async ({}, testInfo) => {
  const executablePath = electronBinary();
  test.skip(!executablePath, 'Electron binary not installed (offline machine): run npx install-electron');
  const main = join(repoRoot, 'out', 'main', 'index.js');
  expect(existsSync(main), 'out/main/index.js exists (run npx electron-vite build)').toBe(true);

  const { dir, configPath } = copyFixtureLab();
  const dataDir = mkdtempSync(join(tmpdir(), 'aaa-lab-electron-data-'));
  const app = await electron.launch({
    executablePath,
    args: [main, '--no-sandbox'],
    env: { ...process.env, AAA_LAB_DATA_DIR: dataDir, AAA_LAB_CONFIG: configPath },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('#root[data-app-state="ready"]')).toBeAttached({ timeout: 30_000 });
    await expect(page.getByTestId('devices').getByRole('cell', { name: 'lab-loopback' })).toBeVisible();
    await expect(page.getByTestId('users').getByRole('cell', { name: 'bob', exact: true })).toBeVisible();
    // The preload bridge is there, and nothing generic leaks into the page.
    expect(await page.evaluate(() => typeof (globalThis as { aaaLab?: unknown }).aaaLab)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await testInfo.attach('electron-lab-status', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
