// Packet trace in Chromium under load: `aaa-lab serve` on the fixture lab, the Packet trace open and
// following the tail, RADIUS Access-Requests at RATE/2 per second (each answered: RATE trace records/s)
// for SECONDS. Prints the worst gap between animation frames, the gaps over 100 ms, and the page's JS
// heap before and after (each after a full collection). Figures, never asserted.
// The lab's listeners take free ports, so it needs no lock: `npx tsx bench/trace-view.ts`.
// BENCH_TRACE_RATE (default 5000) and BENCH_TRACE_SECONDS (default 60) change the load;
// BENCH_TRACE_PROFILE=file.cpuprofile keeps the page's CPU profile of the run (open it in DevTools).
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launchLab, listeners, openApp } from '../e2e/fixtures';
import { radiusFlood } from '../e2e/radius-flood';
import { report } from './lib/stats';

const RATE = Number(process.env.BENCH_TRACE_RATE ?? 5000);
const SECONDS = Number(process.env.BENCH_TRACE_SECONDS ?? 60);
const PROFILE = process.env.BENCH_TRACE_PROFILE;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)}MB`;

const lab = await launchLab({ ephemeralPorts: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await openApp(page, lab.url);
  await page.locator('nav a[data-screen="trace"]').click();
  await page.getByTestId('trace-list').waitFor();
  const before = await heap();

  const auth = (await listeners(lab)).find((l) => l.service === 'radius-auth')!;
  // Scripts as text: tsx would wrap functions with a helper the page does not have.
  await page.evaluate(`(() => {
    window.__gaps = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__gaps.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  // The page's own count of records it was sent (trace.list's total stops at the ring's size).
  const recorded = async () =>
    Number(/([\d,]+) recorded/.exec((await page.getByTestId('trace-count').textContent()) ?? '')?.[1] ?? 0);
  const total0 = await recorded();
  const flood = await radiusFlood(
    { host: auth.address, port: auth.port, secret: 'testing123', username: 'bob', password: 'bob-pass' },
    RATE / 2,
  );
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const sent = await flood.stop();
  if (PROFILE) writeFileSync(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const elapsed = (Date.now() - t0) / 1000;
  const gaps = await page.evaluate<number[]>(`(() => {
    window.__stop = true;
    return window.__gaps;
  })()`);
  const total1 = await recorded();
  const shown = await page.getByTestId('trace-count').textContent();
  const after = await heap();
  report(`trace view @${RATE}/s × ${SECONDS}s`, {
    'records/s': (total1 - total0) / elapsed,
    'requests sent': sent,
    frames: gaps.length,
    'worst frame gap ms': Math.max(...gaps),
    'gaps >100ms': gaps.filter((g) => g > 100).length,
    'heap before': mb(before),
    'heap after': mb(after),
  });
  console.log(`  list: ${shown}`);
} finally {
  await browser.close();
  await lab.stop();
}
