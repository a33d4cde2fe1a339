// Cold start of `aaa-lab serve` with the conformance fixture: process spawn → ready line.
// Target ≤ 1.5 s. Median of 5 starts; needs a build (npm run build).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, repoRoot } from '../test/support/fixtures';
import { median, report } from './lib/stats';

function startOnce(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-'));
  cpSync(fixturePath('lab.yaml'), join(dir, 'lab.yaml'));
  cpSync(fixturePath('tls'), join(dir, 'tls'), { recursive: true });
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin/aaa-lab.mjs'),
      'serve',
      '--config',
      join(dir, 'lab.yaml'),
      '--data-dir',
      join(dir, 'data'),
      '--web-port',
      '0',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('aaa-lab ready')) {
        const ms = performance.now() - t0;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (!out.includes('aaa-lab ready')) reject(new Error(`serve exited ${code} before ready: ${err}`));
    });
  });
}

const samples: number[] = [];
for (let i = 0; i < 5; i++) samples.push(await startOnce());
report('serve cold start (spawn → ready)', {
  median_ms: median(samples),
  min_ms: Math.min(...samples),
  target_ms: 1500,
});
