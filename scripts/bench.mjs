#!/usr/bin/env node
// `npm run bench [-- name …]`: runs each bench/*.ts in its own process (load generators need their
// own core) and prints their figures. Benchmarks report; they never fail on a number.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  // A/B comparisons (*-ab.ts) need another checkout (--base DIR): run by hand, never in the sweep.
  .filter((f) => (wanted.length ? wanted.some((w) => f.includes(w)) : !f.endsWith('-ab.ts')))
  .sort();
if (!existsSync('out/main/cli.js')) spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
console.log(
  `AAA Lab benchmarks on ${process.platform}/${process.arch}, node ${process.version}, ${new Date().toISOString()}`,
);
let failed = 0;
for (const f of files) {
  console.log(`\n# ${f}`);
  // --expose-gc: memory figures are taken after a full collection.
  const r = spawnSync('npx', ['tsx', '--expose-gc', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} exited with ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
