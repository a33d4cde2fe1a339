import { chromium, type Browser } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/lab';
import { silentLogger } from '../src/engine/log';
import { startDesktopListener } from '../src/serve/desktop-listener';
import { copyFixtureLab, expect, fixturesDir, keepScreenshot, repoRoot, test } from './fixtures';

/**
 * The web console on a network: the desktop host's listener bound to 0.0.0.0 with web.tls, reached
 * by Chromium at 127.0.0.2 (a "LAN" address) over HTTPS. Chromium trusts exactly the fixture
 * server's key (SPKI pin; its certificate names 127.0.0.1 and localhost, not the LAN address). The
 * desktop's "Sign in to the web console" hand-off lands on the console; /metrics answers there too.
 */
const serverPem = readFileSync(join(fixturesDir, 'tls/server.pem'));
const spki = createHash('sha256')
  .update(new X509Certificate(serverPem).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', `--ignore-certificate-errors-spki-list=${spki}`],
  });
});
test.afterAll(() => browser?.close());

test('desktop hand-off over HTTPS at a LAN address lands on the console', async () => {
  const testInfo = test.info();
  const { configPath } = copyFixtureLab();
  const text = readFileSync(configPath, 'utf8')
    .replace(/"127\.0\.0\.1:\d+"/g, '"127.0.0.1:0"')
    .replace(/\nweb:\n/, '\nweb:\n  tls: { cert: tls/server.pem, key: tls/server.key }\n');
  writeFileSync(configPath, text);
  const engine = await Engine.create({
    configPath,
    defaultConfigPath: join(repoRoot, 'resources/lab.default.yaml'),
    dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-e2e-net-')),
    log: silentLogger,
  });
  await engine.start();
  const http = await startDesktopListener({
    engine,
    host: '0.0.0.0',
    port: 0,
    rendererDir: join(repoRoot, 'out/renderer'),
  });
  try {
    const base = `https://127.0.0.2:${http.port}`;
    const page = await browser.newPage();
    // A stranger is sent to the login page.
    await page.goto(`${base}/`);
    await expect(page).toHaveURL(/\/admin\/login/);
    // The desktop app hands this browser a one-time ticket (as webConsole.signIn does after OpenID).
    const ticket = http.admin.issueHandoff('alice@example.com', 'openid');
    await page.goto(`${base}/admin/login/handoff?ticket=${encodeURIComponent(ticket)}`);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible({ timeout: 20_000 });
    expect(new URL(page.url()).host).toBe(`127.0.0.2:${http.port}`);
    const cookies = await page.context().cookies(base);
    expect(cookies.find((c) => c.name === 'aaa_lab_session')?.secure).toBe(true);
    await page.locator('nav a[data-screen="audit"]').click();
    await expect(page.getByTestId('audit-events')).toContainText('admin.session.created');
    await keepScreenshot(page, 'lan-https-console-audit', testInfo.attach.bind(testInfo));
    const metrics = await page.goto(`${base}/metrics`);
    expect(metrics?.status()).toBe(200);
    expect(await metrics?.text()).toContain('radius_packets_dropped_total');
    // DNS rebinding (another Host name → 421) is covered by test/integration/web-network.test.ts.
  } finally {
    await http.close();
    await engine.close();
  }
});
