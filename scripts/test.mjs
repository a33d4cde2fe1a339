#!/usr/bin/env node
// `npm test`: lint, typecheck, build, unit/property/contract/interop tests (vitest), the protocol tests
// again on Electron's Node major (electron-node.mjs) and the web e2e
// (Playwright in Debian's Chromium), then one closing line "N passed, N failed[, N skipped]" that CI
// reads (vitest's and Playwright's own summaries are not recognised there).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { electronNode } from './electron-node.mjs';

const args = new Set(process.argv.slice(2));
const only = (name) => !args.size || args.has(`--${name}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(title, cmd, cmdArgs, opts = {}) {
  console.log(`\n== ${title}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  if (!ok) failedSteps.push(title);
  return ok;
}

function ensureNodeSqlite() {
  // The desktop app loads its own Electron-ABI copy (see scripts/start.mjs); node_modules must hold
  // Node's. If something rebuilt it for Electron, put Node's back before testing.
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    new Database(':memory:').close();
  } catch (e) {
    console.log(
      `better-sqlite3 does not load in Node (${String(e.message).split('\n')[0]}): rebuilding for Node ${process.version}`,
    );
    run('rebuild better-sqlite3', 'npm', ['rebuild', 'better-sqlite3']);
  }
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? r.numFailedTestSuites ?? 0);
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return true;
}

/** Skipped specs say why (e.g. no Electron binary on this machine): print each reason once. */
function skipReasons(suites, out = new Set()) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? [])
          if (a.type === 'skip') out.add(`${spec.title}: ${a.description ?? 'skipped'}`);
      }
    }
    skipReasons(suite.suites, out);
  }
  return out;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const why of skipReasons(r.suites)) console.log(`skipped: ${why}`);
  const s = r.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += (s.unexpected ?? 0) + (r.errors?.length ?? 0);
  totals.skipped += s.skipped ?? 0;
  return true;
}

ensureNodeSqlite();
if (only('lint')) run('lint', 'npm', ['run', '-s', 'lint']);
if (only('typecheck')) run('typecheck', 'npm', ['run', '-s', 'typecheck']);
if (only('unit') || only('e2e')) run('build', 'npx', ['electron-vite', 'build']);
if (only('unit')) {
  rmSync('.vitest-report.json', { force: true });
  run('vitest', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=.vitest-report.json',
  ]);
  if (!countVitest('.vitest-report.json')) totals.failed++;
}
// The protocol, TLS and crypto code again on the desktop app's runtime: Electron itself where its
// binary is installed, else the official Node of its Node major (see electron-node.mjs). These
// directories need no SQLite, whose addon here is built for this Node's ABI only.
const ON_ELECTRON_NODE = [
  'src/engine/radius',
  'src/engine/tacacs',
  'src/engine/crypto',
  'src/engine/policy',
  'src/engine/test-client',
];
if (only('unit') || only('electron-node')) {
  const target = electronNode();
  if (target.skip) {
    console.log(`\n== engine on Electron's Node: skipped (${target.skip})`);
    totals.skipped++;
  } else {
    if (target.fallback) console.log(`\n(${target.fallback}: using the official Node instead)`);
    rmSync('.vitest-electron-node.json', { force: true });
    run(
      `engine on ${target.runtime}`,
      target.node,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        ...ON_ELECTRON_NODE,
        '--reporter=default',
        '--reporter=json',
        '--outputFile.json=.vitest-electron-node.json',
      ],
      { env: target.env },
    );
    if (!countVitest('.vitest-electron-node.json')) totals.failed++;
  }
}
if (only('e2e')) {
  rmSync('.playwright-report.json', { force: true });
  run('playwright (web)', 'npx', ['playwright', 'test', '--project=web', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: '.playwright-report.json' },
  });
  if (!countPlaywright('.playwright-report.json')) totals.failed++;
  // The electron project runs wherever the Electron binary exists and reports a skip otherwise.
  rmSync('.playwright-electron.json', { force: true });
  run('playwright (electron)', 'npx', ['playwright', 'test', '--project=electron', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: '.playwright-electron.json' },
  });
  countPlaywright('.playwright-electron.json');
}

// Lint, typecheck and build count as one check each.
totals.failed += failedSteps.filter((s) => ['lint', 'typecheck', 'build'].includes(s)).length;
console.log('');
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
