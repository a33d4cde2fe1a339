// The EAP server under load, in its own process (started by eap-vs-freeradius.ts): a real Engine on a temp
// copy of lab-eap.yaml with ephemeral ports. Answers the parent's IPC "cpu"/"stop" with its CPU time.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../src/engine/lab';
import { copyFixtureLab } from '../test/support/fixtures';

const { dir, config } = copyFixtureLab('lab-eap.yaml');
writeFileSync(config, readFileSync(config, 'utf8').replace(/"127\.0\.0\.1:\d+"/g, '"127.0.0.1:0"'));
const quiet = (): void => {};
const engine = await Engine.create({
  configPath: config,
  defaultConfigPath: config,
  dataDir: join(dir, 'data'),
  log: { debug: quiet, info: quiet, warn: quiet, error: (m, f) => console.error(m, f) },
});
const status = await engine.start();
const auth = status.services.flatMap((s) => s.listeners).find((l) => l.service === 'radius-auth')!.port;

process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send!({ cpuUs: u.user + u.system });
  } else if (m === 'stop') {
    void engine.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send!({ auth });
