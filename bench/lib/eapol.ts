import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEapClient, type EapClientOptions } from '../../src/engine/test-client/eap/supplicant';
import { eapolTest, networkConf, type NetworkBlock } from '../../test/peers/eapol-test';

/**
 * eapol_test (wpa_supplicant) as the benchmarks' supplicant: one config file per case, written once,
 * and a fresh process per run, so every run starts with a full TLS handshake; `-r N` adds N
 * re-authentications in the same process, which wpa_supplicant tries to resume (session ID, or a
 * ticket / TLS 1.3 PSK when the network block allows tickets).
 */
export interface EapolBatch {
  /** Authentications that ended in SUCCESS with matching MPPE keys (runs × (1 + reauth) at best). */
  ok: number;
  /** Authentications whose TLS handshake wpa_supplicant reported as resumed ("resumed=1"). */
  resumed: number;
  runs: number;
  seconds: number;
}

export class EapolClient {
  readonly #dir = mkdtempSync(join(tmpdir(), 'aaa-lab-eapol-bench-'));
  readonly #conf = join(this.#dir, 'eapol.conf');

  constructor(block: NetworkBlock) {
    if (!eapolTest) throw new Error('eapol_test not installed (apt-get install eapoltest)');
    writeFileSync(this.#conf, networkConf(block));
  }

  /** `runs` eapol_test processes against 127.0.0.1:port, `parallel` at a time, each `reauth` times
   * more after the first. */
  async batch(port: number, runs: number, parallel: number, reauth = 0): Promise<EapolBatch> {
    const t0 = performance.now();
    let next = 0;
    let ok = 0;
    let resumed = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next++ < runs) {
          const r = await this.#run(port, reauth);
          ok += r.ok;
          resumed += r.resumed;
        }
      }),
    );
    return { ok, resumed, runs, seconds: (performance.now() - t0) / 1000 };
  }

  close(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #run(port: number, reauth: number): Promise<{ ok: number; resumed: number }> {
    const args = ['-c', this.#conf, '-a', '127.0.0.1', '-p', String(port), '-s', 'testing123'];
    args.push(`-r${reauth}`, '-t', '10');
    return new Promise((resolve) => {
      execFile(eapolTest!, args, { timeout: 20_000, maxBuffer: 64 << 20 }, (err, stdout) => {
        const mppe = /MPPE keys OK: (\d+)\s+mismatch: (\d+)/.exec(stdout);
        const good = !err && /^SUCCESS$/m.test(stdout) && !!mppe && mppe[2] === '0';
        resolve({
          ok: good ? Number(mppe[1]) : 0,
          resumed: stdout.split('CTRL-EVENT-EAP-STARTED').filter((a) => a.includes('resumed=1')).length,
        });
      });
    });
  }
}

/** utime and stime of a process and all its threads, in ms, from /proc (clock-tick resolution). */
export function procCpu(pid: number): { user: number; sys: number } {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(f[11]) * 1000) / CLK_TCK, sys: (Number(f[12]) * 1000) / CLK_TCK };
}

/**
 * CPU time (user + system) of a process's live threads so far, in ms, from each thread's
 * /proc schedstat (nanoseconds): /proc stat's utime and stime count 10 ms ticks, which is 7% of a
 * 300-authentication EAP-MD5 batch. A thread that ended takes its time with it, so compare
 * readings over spans in which the threads stay (Node's and FreeRADIUS's pools do); without
 * schedstat, the clock-tick figure.
 */
export function procCpuMs(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    ns = NaN;
  }
  if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  const c = procCpu(pid);
  return c.user + c.sys;
}

/** sysconf(_SC_CLK_TCK): 100 on every Linux this runs on. */
const CLK_TCK = 100;

/**
 * Our own supplicant (the Test client's, runEapClient) in the benchmark's process: a far cheaper
 * client than a process per authentication, so the servers see a higher rate. Used to warm servers
 * up (V8 compiles our hot path as it runs) and for the high-rate rows.
 */
export class SupplicantClient {
  constructor(private readonly opts: Omit<EapClientOptions, 'port'>) {}

  async batch(port: number, runs: number, parallel: number): Promise<EapolBatch> {
    const t0 = performance.now();
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next++ < runs) {
          const r = await runEapClient({ ...this.opts, port });
          if (r.outcome === 'accept' && r.mppe === 'match') ok++;
        }
      }),
    );
    return { ok, resumed: 0, runs, seconds: (performance.now() - t0) / 1000 };
  }

  close(): void {}
}
