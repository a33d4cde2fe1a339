// The RADIUS server under load, in its own process (started by radius-load.ts): a real Engine
// (lab.ts) with the trace store and the SQLite accounting store, on a temp lab file with only the
// radius section (fixture devices, users and groups) on ephemeral ports. Answers the parent's IPC
// "cpu"/"gc"/"stop" messages with CPU time and memory so the load generator can report them.
import { rmSync } from 'node:fs';
import { benchEngine } from './lib/radius-bench';
import { mainThreadCpuUs } from './lib/stats';

const { engine, dir } = await benchEngine('aaa-lab-bench-radius-');
const status = await engine.start();
const listeners = status.services.flatMap((s) => s.listeners);
const port = (svc: string) => listeners.find((l) => l.service === svc)!.port;

process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send!({ cpuUs: u.user + u.system, mainUs: mainThreadCpuUs(), rss: mem.rss, heap: mem.heapUsed });
  } else if (m === 'count') {
    process.send!({ records: engine.accounting.count() });
  } else if (m === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ gc: true });
  } else if (m === 'stop') {
    void engine.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send!({ auth: port('radius-auth'), acct: port('radius-acct') });
