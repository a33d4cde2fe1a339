// CPU of an idle lab: `aaa-lab serve` on lab-eap.yaml (every server listening, no traffic), per
// second, by thread, after it has settled. A desktop tool left running on a laptop should sleep
// when nothing happens; FreeRADIUS on the same machine spends 0 ms/s. Figures only, never asserted.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { aaaLab } from './lib/eap-targets';
import { report } from './lib/stats';

// V8 keeps compiling and collecting in the background for ~30 s after start-up: wait that out.
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 40_000);
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 30_000);

/** utime + stime of each thread of `pid`, ms, by thread id. */
function threads(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(tid, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

const server = await aaaLab();
try {
  await sleep(SETTLE_MS);
  const t0 = threads(server.pid);
  const c0 = server.cpu();
  await sleep(MEASURE_MS);
  const c1 = server.cpu();
  const t1 = threads(server.pid);
  const perS = (ms: number) => (ms * 1000) / MEASURE_MS;
  const main = perS((t1.get(String(server.pid)) ?? 0) - (t0.get(String(server.pid)) ?? 0));
  const all = perS(c1.user + c1.sys - c0.user - c0.sys);
  report('aaa-lab serve, idle (lab-eap.yaml)', {
    'CPU ms/s': all,
    'main thread ms/s': main,
    'other threads ms/s': all - main,
    'user/sys ms/s': `${perS(c1.user - c0.user).toFixed(2)}/${perS(c1.sys - c0.sys).toFixed(2)}`,
    measured: `${MEASURE_MS / 1000} s after ${SETTLE_MS / 1000} s`,
  });
} finally {
  await server.stop();
}
