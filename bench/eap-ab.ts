// A/B of the server's CPU per full EAP authentication between this checkout and another
// (`--base DIR`, e.g. `git worktree add /tmp/base main`, node_modules linked): both built and
// serving at once, our supplicant taking turns between them authentication by authentication, so
// the machine's drift and any other load hit both alike (one-sided runs on this shared 2-core
// machine differ by ±20%; even whole batches in turn drifted apart). Prints
// each side's median and the median of the paired ratios new/base. Figures only, never asserted.
//   npx tsx bench/eap-ab.ts --base /tmp/base [--method peap|tls|md5] [--batches 12] [--count 200]
// md5: alice by EAP-MD5, which lab-eap.yaml reaches only after her NAK of the PEAP it proposes first
// (what a proposed method that is refused costs the server).
import { resolve } from 'node:path';
import { aaaLab, cpuPerAuth, labSupplicant, type EapTarget } from './lib/eap-targets';
import { median, report } from './lib/stats';
import { runEapClient } from '../src/engine/test-client/eap/supplicant';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const baseDir = arg('--base');
if (!baseDir) {
  console.error(
    'usage: npx tsx bench/eap-ab.ts --base DIR [--method peap|tls|md5] [--batches N] [--count N]',
  );
  process.exit(2);
}
const METHOD = arg('--method') === 'tls' ? 'tls' : arg('--method') === 'md5' ? 'md5' : 'peap';
const BATCHES = Number(arg('--batches') ?? 12);
const COUNT = Number(arg('--count') ?? 200);
const WARMUP = Number(arg('--warmup') ?? 800);
const client =
  METHOD === 'md5' ? { ...labSupplicant('peap'), method: 'md5' as const } : labSupplicant(METHOD);

async function batch(t: EapTarget, n: number): Promise<number> {
  const r = await cpuPerAuth(t, client, n);
  // EAP-MD5 derives no keys: cpuPerAuth's "accepted" (MPPE keys matching) does not apply.
  if (METHOD !== 'md5' && r.accepted !== n)
    throw new Error(`${t.name}: ${n - r.accepted} of ${n} authentications did not succeed`);
  return r.ms;
}

/**
 * `n` authentications on each of `first` and `second`, taking turns one by one, so both servers
 * see the same moments of the shared machine's load (batch after batch drifted by up to 2x within
 * one run, e.g. 0.78 -> 0.34 ms per EAP-MD5 authentication): each one's CPU per authentication.
 */
async function pairedBatch(first: EapTarget, second: EapTarget, n: number): Promise<[number, number]> {
  const c0 = [first.cpuMs(), second.cpuMs()];
  const ok = [0, 0];
  for (let i = 0; i < n; i++)
    for (const [k, t] of [first, second].entries()) {
      const r = await runEapClient({ ...client, port: t.port });
      if (METHOD === 'md5' ? r.outcome === 'accept' : r.outcome === 'accept' && r.mppe === 'match') ok[k]!++;
    }
  for (const [k, t] of [first, second].entries())
    if (ok[k] !== n) throw new Error(`${t.name}: ${n - ok[k]!} of ${n} authentications did not succeed`);
  return [(first.cpuMs() - c0[0]!) / n, (second.cpuMs() - c0[1]!) / n];
}

const base = await aaaLab({ root: resolve(baseDir), name: 'base' });
const head = await aaaLab({ name: 'this checkout' });
try {
  for (const t of [base, head]) {
    // EAP-MD5 has no keys to count as above: one conversation must end in Access-Accept first.
    const once = METHOD === 'md5' ? await runEapClient({ ...client, port: t.port }) : undefined;
    if (once && once.outcome !== 'accept')
      throw new Error(`${t.name}: EAP-MD5 ${once.outcome}: ${once.reason}`);
    await batch(t, WARMUP);
  }
  const b: number[] = [];
  const h: number[] = [];
  for (let i = 0; i < BATCHES; i++) {
    // Alternate which goes first, so neither always follows the other's authentication.
    if (i % 2) {
      const [x, y] = await pairedBatch(head, base, COUNT);
      h.push(x);
      b.push(y);
    } else {
      const [x, y] = await pairedBatch(base, head, COUNT);
      b.push(x);
      h.push(y);
    }
  }
  const label =
    METHOD === 'md5'
      ? 'EAP-MD5 after a NAK of PEAP, server CPU ms/auth'
      : `${METHOD === 'tls' ? 'EAP-TLS' : 'PEAP-MSCHAPv2'} TLS 1.2, server CPU ms/auth`;
  report(label, {
    base: median(b),
    new: median(h),
    'new/base (median of pairs)': median(h.map((x, i) => x / b[i]!)),
    batches: `${BATCHES}×${COUNT}`,
    pairs: b.map((x, i) => `${x.toFixed(2)}:${h[i]!.toFixed(2)}`).join(' '),
  });
} finally {
  await base.stop();
  await head.stop();
}
