// The RADIUS server under load, in its own process (started by radius-load.ts): a real Engine
// (lab.ts) with the trace store and the SQLite accounting store, on a temp lab file with only the
// radius section (fixture devices, users and groups) on ephemeral ports. Answers the parent's IPC
// "cpu"/"gc"/"stop" messages with CPU time and memory so the load generator can report them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/lab';

const FIXTURE = '/work/shared/fixtures/lab.yaml';
const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-radius-'));
const fixture = readFileSync(FIXTURE, 'utf8');
// Keep devices/groups/users from the fixture; replace the listeners with the radius section only.
const from = fixture.indexOf('\ndevices:');
const lab = `radius:
  auth: ["127.0.0.1:0"]
  acct: ["127.0.0.1:0"]
  requireMessageAuthenticator: false
${fixture.slice(from)}`;
writeFileSync(join(dir, 'lab.yaml'), lab);

const quiet = (): void => {};
const engine = await Engine.create({
  configPath: join(dir, 'lab.yaml'),
  defaultConfigPath: join(dir, 'lab.yaml'),
  dataDir: dir,
  log: { debug: quiet, info: quiet, warn: quiet, error: (m, f) => console.error(m, f) },
});
const status = await engine.start();
const listeners = status.services.flatMap((s) => s.listeners);
const port = (svc: string) => listeners.find((l) => l.service === svc)!.port;

process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send!({ cpuUs: u.user + u.system, rss: mem.rss, heap: mem.heapUsed });
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
