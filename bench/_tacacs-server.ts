// The TACACS+ server under load, in its own process (started by tacacs-load.ts). It answers the
// parent's IPC "cpu" messages with its CPU time and memory so the load generator can report server
// CPU per authentication. Trace records are counted and dropped: the trace store is benchmarked
// on its own; packet dissection (which the server does for every packet) still runs.
import { TacacsServer } from '../src/engine/tacacs/server';
import { fixtureLab, testContext } from '../test/support/tacacs-lab';

const ctx = testContext(fixtureLab());
let traced = 0;
ctx.trace.append = () => ++traced;
ctx.accounting.insert = () => 0;
const server = new TacacsServer(ctx);
const listeners = await server.start();
const port = listeners.find((l) => l.service === 'tacacs')!.port;
process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send!({
      cpuUs: u.user + u.system,
      rss: process.memoryUsage().rss,
      heap: process.memoryUsage().heapUsed,
      traced,
    });
  } else if (m === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ gc: true });
  } else if (m === 'stop') {
    void server.stop().then(() => process.exit(0));
  }
});
process.send!({ port });
