// EAP against FreeRADIUS: full PEAP-MSCHAPv2 and EAP-TLS authentications per second and server CPU
// per authentication, AAA Lab as shipped (`aaa-lab serve` on lab-eap.yaml, built first) and a private
// FreeRADIUS 3.2 (thread pool, the fixture certificates, test/peers/freeradius.ts) on the same
// machine, in the same minutes, with the same clients. Turns alternate between the servers
// (`--rounds` of each) so both see the same load from the rest of the machine. In a turn the client
// keeps a server busy without a pause, and the reading covers `--seconds` once the server is steady
// (EapTarget.steadyAfterMs): FreeRADIUS frees each request 5 s after replying (cleanup_delay), ~15% of
// its CPU per authentication, which a reading that starts with the load or stops at the last reply
// leaves out. CPU is the run time of every thread of the server process
// (/proc/<pid>/task/*/schedstat, nanoseconds); a thread that exits mid-turn takes its time with it
// (that could only understate FreeRADIUS's figure, whose pool keeps its threads at these loads);
// auth/s is bounded by the client and the machine's load.
// - eapol_test (wpa_supplicant), a fresh process per authentication (full handshake), `--parallel`
//   at a time: the reference client, at the low rate its process start-up allows.
// - our supplicant (the Test client's) in this process, `--fast-parallel` at a time: a higher rate.
// Both servers are warmed up first with `--warmup` authentications by our supplicant (V8 compiles
// our hot path as it runs; a cold server spends several times the CPU per authentication). Then
// re-authentications on ours: eapol_test -r N resumes the TLS session (session ID by default, a
// ticket with tls_disable_session_ticket=0, a PSK on TLS 1.3). Figures only, never asserted.
import type { NetworkBlock } from '../test/peers/eapol-test';
import { fixturePath } from '../test/support/fixtures';
import { aaaLab, freeRadius, labSupplicant, type EapTarget } from './lib/eap-targets';
import { EapolClient, SupplicantClient, type RunResult } from './lib/eapol';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('--seconds', 8);
const ROUNDS = arg('--rounds', 3);
const PARALLEL = arg('--parallel', 2);
const FAST_PARALLEL = arg('--fast-parallel', 4);
const WARMUP = arg('--warmup', 500);
const REAUTH = arg('--reauth', 4);
const ca = fixturePath('tls/ca.pem');

const peap = (phase1 = ''): NetworkBlock => ({
  eap: 'PEAP',
  identity: 'alice',
  anonymous_identity: 'anonymous',
  password: 'alice-pass',
  ca_cert: ca,
  phase1: `peapver=0${phase1}`,
  phase2: 'auth=MSCHAPV2',
});
const tls = (phase1?: string): NetworkBlock => ({
  eap: 'TLS',
  identity: 'lab-client',
  ca_cert: ca,
  client_cert: fixturePath('tls/client.pem'),
  private_key: fixturePath('tls/client.key'),
  ...(phase1 ? { phase1 } : {}),
});
const supplicant = (method: 'peap' | 'tls', maxVersion: 'TLSv1.2' | 'TLSv1.3') =>
  new SupplicantClient(labSupplicant(method, maxVersion));

interface Client {
  runUntil(
    port: number,
    parallel: number,
    stop: () => boolean,
    each: (r: RunResult) => void,
    reauth?: number,
  ): Promise<void>;
  close(): void;
}
interface Tally {
  ok: number;
  resumed: number;
  attempts: number;
  seconds: number;
  cpuMs: number;
  sysMs: number;
}
const none = (): Tally => ({ ok: 0, resumed: 0, attempts: 0, seconds: 0, cpuMs: 0, sysMs: 0 });
const sum = (p: Tally, q: Tally): Tally => ({
  ok: p.ok + q.ok,
  resumed: p.resumed + q.resumed,
  attempts: p.attempts + q.attempts,
  seconds: p.seconds + q.seconds,
  cpuMs: p.cpuMs + q.cpuMs,
  sysMs: p.sysMs + q.sysMs,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One turn: `client` keeps `t` busy, `parallel` runs at a time; after `steadyAfterMs` its CPU and the
 * runs that end are counted for SECONDS.
 */
async function turn(
  t: EapTarget,
  client: Client,
  parallel: number,
  reauth: number,
  steadyAfterMs: number,
): Promise<Tally> {
  const x = none();
  let counting = false;
  let stopped = false;
  const running = client.runUntil(
    t.port,
    parallel,
    () => stopped,
    (r) => {
      if (!counting) return;
      x.ok += r.ok;
      x.resumed += r.resumed;
      x.attempts += r.attempts;
    },
    reauth,
  );
  await sleep(steadyAfterMs);
  const [c0, s0, t0] = [t.cpuMs(), t.cpu().sys, performance.now()];
  counting = true;
  await sleep(SECONDS * 1000);
  counting = false;
  x.cpuMs = t.cpuMs() - c0;
  x.sysMs = t.cpu().sys - s0;
  x.seconds = (performance.now() - t0) / 1000;
  stopped = true;
  await running;
  return x;
}

/**
 * ROUNDS turns per target, alternating targets; every turn settles for as long as the slowest
 * target needs (the same lead-in for all, so none is favoured). Also what each target spent after
 * its last turn, until the slowest one's lead-in had passed again with no traffic: the deferred work
 * a reading that stops at the last reply would miss (FreeRADIUS's request cleanup; ours, its idle
 * timers), printed as evidence for the lead-in.
 */
async function measure(
  targets: EapTarget[],
  client: Client,
  parallel: number,
  reauth = 0,
): Promise<{ tallies: Tally[]; afterMs: number[]; quietMs: number }> {
  const tallies = targets.map(none);
  const lead = Math.max(...targets.map((t) => t.steadyAfterMs));
  const lastEnd = targets.map(() => 0);
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, t] of targets.entries()) {
      tallies[i] = sum(tallies[i]!, await turn(t, client, parallel, reauth, lead));
      lastEnd[i] = t.cpuMs();
    }
  await sleep(lead);
  return { tallies, afterMs: targets.map((t, i) => t.cpuMs() - lastEnd[i]!), quietMs: lead };
}

function line(what: string, t: EapTarget, x: Tally, extra = ''): string {
  const resumed = x.resumed ? `, ${x.resumed} resumed` : '';
  return `${what.padEnd(50)} ${t.name.padEnd(22)} ${(x.attempts / x.seconds).toFixed(1).padStart(6)} auth/s  CPU ${(x.cpuMs / x.attempts).toFixed(2).padStart(5)} ms/auth (sys ${(x.sysMs / x.attempts).toFixed(2)})  (${x.ok}/${x.attempts} OK${resumed})${extra}`;
}

async function compare(targets: EapTarget[], name: string, block: NetworkBlock, fast: SupplicantClient) {
  for (const t of targets) await fast.batch(t.port, WARMUP, FAST_PARALLEL);
  const eapol = new EapolClient(block);
  const print = (what: string, m: Awaited<ReturnType<typeof measure>>) =>
    targets.forEach((t, i) =>
      console.log(
        line(
          what,
          t,
          m.tallies[i]!,
          `; after its last turn ${m.afterMs[i]!.toFixed(0)} ms more CPU (≥ ${m.quietMs / 1000} s, no traffic)`,
        ),
      ),
    );
  try {
    print(`${name}, eapol_test ×${PARALLEL}`, await measure(targets, eapol, PARALLEL));
  } finally {
    eapol.close();
  }
  print(`${name}, our supplicant ×${FAST_PARALLEL}`, await measure(targets, fast, FAST_PARALLEL));
}

/** 1 full + REAUTH re-authentications per eapol_test run, in rounds alternating with full-only runs
 * on the same server; the per-re-authentication figure takes the full ones out at their CPU. */
async function resumption(us: EapTarget, name: string, full: NetworkBlock, block: NetworkBlock) {
  const a = new EapolClient(full);
  const b = new EapolClient(block);
  let f = none();
  let x = none();
  try {
    for (let r = 0; r < ROUNDS; r++) {
      f = sum(f, await turn(us, a, PARALLEL, 0, us.steadyAfterMs));
      x = sum(x, await turn(us, b, PARALLEL, REAUTH, us.steadyAfterMs));
    }
    const fullMs = f.cpuMs / f.attempts;
    const fulls = x.attempts / (1 + REAUTH);
    const perReauth = (x.cpuMs - fulls * fullMs) / (x.attempts - fulls);
    const extra = `: ≈ ${perReauth.toFixed(2)} ms per re-auth, ${fullMs.toFixed(2)} per full`;
    console.log(line(`${name}, eapol_test -r${REAUTH}`, us, x, extra));
  } finally {
    a.close();
    b.close();
  }
}

const us = await aaaLab();
// FreeRADIUS here keeps no session cache and issues no tickets (its default); ours resumes by default,
// which costs a full handshake a little (the session stored, a ticket issued): the same server with
// resumption off is the like-for-like line.
const still = await aaaLab({ resumption: false });
const fr = await freeRadius();
console.log(
  `AAA Lab on 127.0.0.1:${us.port} (lab-eap.yaml), FreeRADIUS 3.2 on 127.0.0.1:${fr.port}; ${WARMUP} warm-up ` +
    `authentications per server and case, then ${ROUNDS} alternating turns per server and client, each counted for ${SECONDS} s once steady`,
);
try {
  // FreeRADIUS's EAP config here stops at TLS 1.2 (3.2 calls its TLS 1.3 experimental).
  await compare([us, still, fr], 'PEAP-MSCHAPv2, TLS 1.2', peap(), supplicant('peap', 'TLSv1.2'));
  await compare([us, still, fr], 'EAP-TLS, TLS 1.2', tls(), supplicant('tls', 'TLSv1.2'));
  await compare(
    [us],
    'PEAP-MSCHAPv2, TLS 1.3',
    peap(' tls_disable_tlsv1_3=0'),
    supplicant('peap', 'TLSv1.3'),
  );
  await compare([us], 'EAP-TLS, TLS 1.3', tls('tls_disable_tlsv1_3=0'), supplicant('tls', 'TLSv1.3'));
  const peap13 = peap(' tls_disable_tlsv1_3=0');
  const tls13 = tls('tls_disable_tlsv1_3=0');
  await resumption(us, 'PEAP-MSCHAPv2, TLS 1.2, session ID', peap(), peap());
  await resumption(us, 'PEAP-MSCHAPv2, TLS 1.2, ticket', peap(), peap(' tls_disable_session_ticket=0'));
  await resumption(us, 'PEAP-MSCHAPv2, TLS 1.3, PSK', peap13, peap13);
  await resumption(us, 'EAP-TLS, TLS 1.2, session ID', tls(), tls());
  await resumption(us, 'EAP-TLS, TLS 1.3, PSK', tls13, tls13);
} finally {
  await us.stop();
  await still.stop();
  await fr.stop();
}
