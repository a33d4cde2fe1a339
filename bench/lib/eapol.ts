import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEapClient, type EapClientOptions } from '../../src/engine/test-client/eap/supplicant';
import { eapolTest, networkConf, type NetworkBlock } from '../../test/peers/eapol-test';

/** One finished run of a continuous load. */
export interface RunResult {
  /** Authentications the run made (eapol_test -r N: 1 + N). */
  attempts: number;
  /** Those that succeeded with matching MPPE keys. */
  ok: number;
  /** Those whose TLS handshake resumed a session (eapol_test's "resumed=1"). */
  resumed: number;
}

/**
 * `parallel` workers, each starting a run as soon as its last one ended, until `stop()` is true;
 * `each` hears of every run as it ends. A continuous load, for readings taken once it is steady.
 */
async function runUntil(
  parallel: number,
  stop: () => boolean,
  run: () => Promise<RunResult>,
  each: (r: RunResult) => void,
): Promise<void> {
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (!stop()) each(await run());
    }),
  );
}

/**
 * eapol_test (wpa_supplicant) as the benchmarks' supplicant: one config file per case, written once,
 * and a fresh process per run, so every run starts with a full TLS handshake; `-r N` adds N
 * re-authentications in the same process, which wpa_supplicant tries to resume (session ID, or a
 * ticket / TLS 1.3 PSK when the network block allows tickets).
 */
export class EapolClient {
  readonly #dir = mkdtempSync(join(tmpdir(), 'aaa-lab-eapol-bench-'));
  readonly #conf = join(this.#dir, 'eapol.conf');

  constructor(block: NetworkBlock) {
    if (!eapolTest) throw new Error('eapol_test not installed (apt-get install eapoltest)');
    writeFileSync(this.#conf, networkConf(block));
  }

  /** eapol_test processes (each `reauth` times more after the first), `parallel` at a time, until `stop()`. */
  runUntil(port: number, parallel: number, stop: () => boolean, each: (r: RunResult) => void, reauth = 0) {
    return runUntil(
      parallel,
      stop,
      async () => ({ attempts: 1 + reauth, ...(await this.#run(port, reauth)) }),
      each,
    );
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

  /** `runs` authentications, `parallel` at a time (a warm-up); how many succeeded. */
  async batch(port: number, runs: number, parallel: number): Promise<number> {
    let left = runs;
    let ok = 0;
    await this.runUntil(
      port,
      parallel,
      () => left-- <= 0,
      (r) => (ok += r.ok),
    );
    return ok;
  }

  /** Authentications, `parallel` at a time, until `stop()`. */
  runUntil(port: number, parallel: number, stop: () => boolean, each: (r: RunResult) => void) {
    return runUntil(
      parallel,
      stop,
      async () => {
        const r = await runEapClient({ ...this.opts, port });
        return { attempts: 1, ok: r.outcome === 'accept' && r.mppe === 'match' ? 1 : 0, resumed: 0 };
      },
      each,
    );
  }

  close(): void {}
}
