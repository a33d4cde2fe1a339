// LDAP-backed logins per second at 16 concurrent logins against a private slapd, and the latency the
// directory adds over the local backend, both through the Policy chain of lab-ldap.yaml (local, then
// LDAP). The directory is the shared fixture; the URL is moved to a free port. Figures only.
import { join } from 'node:path';
import { createBackends } from '../src/engine/backends/create';
import { loadLabFile } from '../src/engine/config/load';
import { Policy } from '../src/engine/policy/policy';
import { SHARED_FIXTURES, slapdAvailable, startSlapd } from '../test/peers/slapd';
import { median, percentile, report } from './lib/stats';

if (!slapdAvailable({ ...process.env, AAA_LAB_ALLOW_MISSING_PEERS: '1' })) {
  console.log('ldap-load: slapd not installed, skipped');
  process.exit(0);
}

const CONCURRENCY = 16;
const slapd = await startSlapd();
const lab = await loadLabFile(join(SHARED_FIXTURES, 'lab-ldap.yaml'), { LDAP_BIND_PASSWORD: 'adminpw' });
const config = {
  ...lab.config,
  backends: lab.config.backends.map((b) => (b.type === 'ldap' ? { ...b, url: slapd.url } : b)),
};
const backends = createBackends(config, {}, { baseDir: lab.baseDir });
const policy = new Policy({ ...lab, config }, backends);
const device = policy.device('127.0.0.1');
const who: ReadonlyArray<readonly [string, string]> = [
  ['carol', 'carol-pass'],
  ['dave', 'dave-pass'],
];
const pick = (i: number): readonly [string, string] => who[i % who.length]!;

const login = (user: string, password: string) =>
  policy.authenticate({ device, username: user, credentials: { kind: 'password', password } });

/** Completed operations per second with `concurrency` loops running for `ms`. */
async function throughput(op: (i: number) => Promise<{ allow: boolean }>, ms: number): Promise<number> {
  let n = 0;
  let bad = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        if (!(await op(n++)).allow) bad++;
      }
    }),
  );
  if (bad) throw new Error(`${bad} operations were denied: the bench would measure failures`);
  return (n * 1000) / ms;
}

async function latencies(op: () => Promise<unknown>, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

try {
  await throughput((i) => login(...pick(i)), 500); // warm the pools
  const authen: number[] = [];
  const author: number[] = [];
  for (let r = 0; r < 3; r++) {
    authen.push(await throughput((i) => login(...pick(i)), 2000));
    author.push(
      await throughput(
        (i) => policy.authorize({ device, username: pick(i)[0], command: 'show version' }),
        2000,
      ),
    );
  }
  report(`ldap authenticate (PAP, ${CONCURRENCY} concurrent)`, { 'logins/s': median(authen) });
  report(`ldap authorize (lookup, ${CONCURRENCY} concurrent)`, { 'decisions/s': median(author) });

  const local = await latencies(() => login('alice', 'alice-pass'), 2000);
  const ldap = await latencies(() => login('carol', 'carol-pass'), 2000);
  const p50 = (s: number[]) => percentile(s, 0.5);
  const p99 = (s: number[]) => percentile(s, 0.99);
  report('login latency, local backend', { 'p50 ms': p50(local), 'p99 ms': p99(local) });
  report('login latency, LDAP via chain', { 'p50 ms': p50(ldap), 'p99 ms': p99(ldap) });
  report('LDAP added latency over local', {
    'p50 ms': p50(ldap) - p50(local),
    'p99 ms': p99(ldap) - p99(local),
  });
} finally {
  await Promise.all(backends.map((b) => b.close()));
  await slapd.stop();
}
