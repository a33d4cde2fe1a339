import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFreeRadius } from '../../test/peers/freeradius';
import { runEapClient, type EapClientOptions } from '../../src/engine/test-client/eap/supplicant';
import { copyFixtureLab, fixturePath } from '../../test/support/fixtures';
import { procCpu, procCpuMs } from './eapol';

/** An EAP server under measurement: where it listens and its process's CPU time so far. */
export interface EapTarget {
  name: string;
  port: number;
  /** The server's process id (its threads are under /proc/<pid>/task). */
  pid: number;
  cpuMs(): number;
  /** The same split into user and kernel time (the kernel's share is mostly UDP send and wake-ups). */
  cpu(): { user: number; sys: number };
  /**
   * How long a continuous load must run before the server's CPU per request is its steady figure.
   * FreeRADIUS frees each request cleanup_delay seconds after replying (5 in Debian's radiusd.conf),
   * ~15% of its CPU per PEAP authentication: a reading that starts with the load, or stops at the
   * last reply, leaves that work out. Ours flushes its trace within 100 ms; its few seconds are
   * for V8, whose code for the path cools while the other servers have their turn.
   */
  steadyAfterMs: number;
  stop(): Promise<void>;
}

/**
 * AAA Lab as shipped: `aaa-lab serve` (the electron-vite build in out/, rebuilt first so a figure is
 * never of stale code) on a temp copy of lab-eap.yaml with every port ephemeral, in its own process.
 * Not the sources under tsx: tsx keeps function names (an Object.defineProperty per closure made at
 * run time), which the build does not; that measured ~5% more CPU per PEAP authentication.
 * SERVER_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=DIR`) adds node flags to the server process.
 * `root`: another checkout to build and run instead (an A/B against a base commit's worktree).
 */
export async function aaaLab(
  opts: { resumption?: boolean; root?: string; name?: string } = {},
): Promise<EapTarget> {
  const root = opts.root ?? ROOT;
  buildOnce(root);
  const { dir, config } = copyFixtureLab('lab-eap.yaml');
  let lab = readFileSync(config, 'utf8').replace(/"127\.0\.0\.1:\d+"/g, '"127.0.0.1:0"');
  if (opts.resumption === false) {
    const tls = 'tls: { minVersion: "1.2", maxVersion: "1.3" }';
    if (!lab.includes(tls)) throw new Error(`bench: lab-eap.yaml no longer has ${tls}`);
    lab = lab.replace(tls, 'tls: { minVersion: "1.2", maxVersion: "1.3", resumption: false }');
  }
  writeFileSync(config, lab);
  const flags = process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...flags, join(root, 'bin/aaa-lab.mjs'), 'serve', '-c', config, '-d', join(dir, 'data'), '-p', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const auth = await readyPort(child, 'radius-auth');
  return {
    name: opts.name ?? (opts.resumption === false ? 'AAA Lab, no resumption' : 'AAA Lab'),
    port: auth,
    pid: child.pid!,
    cpuMs: () => procCpuMs(child.pid!),
    cpu: () => procCpu(child.pid!),
    steadyAfterMs: 3000,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const ROOT = join(import.meta.dirname, '../..');
const built = new Set<string>();

function buildOnce(root: string): void {
  if (built.has(root)) return;
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`bench: \`npx electron-vite build\` in ${root} failed:\n${r.stdout}${r.stderr}`);
  built.add(root);
}

/** The port of `service` from serve's "aaa-lab ready … radius-auth=127.0.0.1:51175/udp …" line. */
function readyPort(child: ChildProcess, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const line = /^aaa-lab ready .*$/m.exec(out)?.[0];
      if (!line) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const port = new RegExp(`\\b${service}=[^ ]*:(\\d+)/`).exec(line)?.[1];
      if (port) resolve(Number(port));
      else reject(new Error(`bench: aaa-lab serve lists no ${service} listener: ${line}`));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`bench: aaa-lab serve exited (${code}) before it was ready`)),
    );
  });
}

/** A private FreeRADIUS 3.2 (thread pool, not -X) serving PEAP-MSCHAPv2 and EAP-TLS with the
 * fixture certificates, alice in its users file, TLS 1.2, no session cache. */
export async function freeRadius(): Promise<EapTarget> {
  const fr = await startFreeRadius('/usr/sbin/freeradius', ['-f', '-l', 'stdout'], {
    cert: fixturePath('tls/server.pem'),
    key: fixturePath('tls/server.key'),
    ca: fixturePath('tls/ca.pem'),
  });
  const cleanupDelay = /^\s*cleanup_delay\s*=\s*(\d+)/m.exec(
    readFileSync(join(fr.dir, 'radiusd.conf'), 'utf8'),
  );
  if (!cleanupDelay) throw new Error(`bench: no cleanup_delay in ${fr.dir}/radiusd.conf`);
  return {
    name: 'FreeRADIUS',
    port: fr.auth,
    pid: fr.pid,
    cpuMs: () => procCpuMs(fr.pid),
    cpu: () => procCpu(fr.pid),
    steadyAfterMs: Number(cleanupDelay[1]) * 1000 + 1000,
    stop: () => fr.stop(),
  };
}

/** Our supplicant's options for lab-eap.yaml's users: alice by PEAP-MSCHAPv2, lab-client by EAP-TLS
 * with the fixture client certificate; the server certificate checked against the fixture CA. */
export function labSupplicant(
  method: 'peap' | 'tls',
  maxVersion: 'TLSv1.2' | 'TLSv1.3' = 'TLSv1.2',
): Omit<EapClientOptions, 'port'> {
  const pem = (f: string) => readFileSync(fixturePath(`tls/${f}`));
  return {
    host: '127.0.0.1',
    secret: 'testing123',
    method,
    user: method === 'peap' ? 'alice' : 'lab-client',
    password: 'alice-pass',
    tls: {
      ca: pem('ca.pem'),
      maxVersion,
      ...(method === 'tls' ? { cert: pem('client.pem'), key: pem('client.key') } : {}),
    },
    timeoutMs: 5000,
  };
}

/** `n` authentications one at a time against `t`: its CPU per authentication and how many were
 * accepted with matching MPPE keys. */
export async function cpuPerAuth(
  t: EapTarget,
  client: Omit<EapClientOptions, 'port'>,
  n: number,
): Promise<{ ms: number; accepted: number }> {
  let accepted = 0;
  const c0 = t.cpuMs();
  for (let i = 0; i < n; i++) {
    const r = await runEapClient({ ...client, port: t.port });
    if (r.outcome === 'accept' && r.mppe === 'match') accepted++;
  }
  return { ms: (t.cpuMs() - c0) / n, accepted };
}
