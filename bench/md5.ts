// CPU per call of the plain-JS MD5 (crypto/md5.ts md5Into) at the sizes the servers hash: 16 and 26
// bytes (short RADIUS/TACACS+ pad inputs), 70 and 134 (one and two blocks past a 64-byte boundary,
// e.g. HMAC-MD5 inner hashes), 1024 (a long body), next to node:crypto createHash('md5') for
// reference. Median ns per call over 7 runs of N calls each. Figures only, never asserted.
import { createHash } from 'node:crypto';
import { md5Into } from '../src/engine/crypto/md5';
import { median, report } from './lib/stats';

const SIZES = [16, 26, 70, 134, 1024];
const RUNS = 7;
const data = Buffer.from(Array.from({ length: 1024 + 64 }, (_, i) => (i * 131 + 7) & 0xff));
const out = new Uint8Array(16);
let sink = 0;

/** Median ns per call of `run`, over RUNS timed batches of `n` calls after one warm-up batch. */
function nsPerCall(n: number, run: (i: number) => void): number {
  for (let i = 0; i < n; i++) run(i);
  const samples: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) run(i);
    samples.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return median(samples);
}

for (const size of SIZES) {
  // Roughly the same amount of hashing per size, so every figure takes similar wall time.
  const n = Math.max(2_000, Math.round(200_000 / Math.ceil((size + 9) / 64)));
  const input = data.subarray(0, size);
  const js = nsPerCall(n, (i) => {
    // Vary one byte so no call is a copy of the previous one.
    input[0] = i;
    md5Into(input, size, out, 0);
    sink ^= out[0]!;
  });
  const node = nsPerCall(Math.round(n / 4), (i) => {
    input[0] = i;
    sink ^= createHash('md5').update(input).digest()[0]!;
  });
  report(`md5 ${size} B`, { 'md5Into ns/call': js, 'node:crypto ns/call': node });
}
// Keeps the results observable so no call can be optimised away.
if (sink === 0x100) console.log(sink);
