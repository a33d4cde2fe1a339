import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '../contract/envelope';
import { parseHostPort } from '../engine/config/host-port';
import { ConfigError } from '../engine/config/load';
import { Engine } from '../engine/lab';
import { startServeHost } from '../serve/host';
import { defaultConfigPath, rendererDir } from './paths';

interface ServeFlags {
  config?: string;
  dataDir: string;
  webPort?: string;
  webHost?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the lab headless and serve the UI, REST API and /metrics to a browser')
    .option('-c, --config <file>', 'lab file (YAML); the built-in default lab when omitted')
    .option('-d, --data-dir <dir>', 'where the SQLite store lives', './aaa-lab-data')
    .option('-p, --web-port <n>', "UI/API port (0 = any free port); overrides the lab file's web.listen")
    .option('--web-host <address>', 'UI/API address (default from web.listen, normally 127.0.0.1)')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<number> {
  let engine: Engine;
  // Without --config, reopen the lab last saved from the UI into this data dir, else the default.
  const saved = join(resolve(flags.dataDir), 'lab.yaml');
  const configPath = flags.config ? resolve(flags.config) : existsSync(saved) ? saved : undefined;
  try {
    engine = await Engine.create({
      configPath,
      defaultConfigPath: defaultConfigPath(),
      dataDir: resolve(flags.dataDir),
    });
  } catch (e) {
    return fail(e);
  }
  for (const w of engine.lab.warnings)
    console.error(`aaa-lab: warning: ${w.path}: ${w.message}${w.line ? ` (line ${w.line})` : ''}`);
  let host;
  try {
    await engine.start();
    const web = parseHostPort(engine.lab.config.web.listen);
    const explicitPort = flags.webPort !== undefined;
    host = await startServeHost({
      engine,
      host: flags.webHost ?? (typeof web === 'string' ? '127.0.0.1' : web.host),
      port: explicitPort ? Number(flags.webPort) : typeof web === 'string' ? 8080 : web.port,
      portFallback: !explicitPort,
      rendererDir: rendererDir(),
    });
  } catch (e) {
    await engine.close().catch(() => {});
    return fail(e);
  }
  for (const n of engine.lab.notices) console.error(`aaa-lab: notice: ${n}`);
  const listeners = engine
    .status()
    .services.flatMap((s) => s.listeners)
    .map(
      (l) =>
        `${l.service}=${l.address.includes(':') ? `[${l.address}]` : l.address}:${l.port}/${l.transport}`,
    );
  console.log(`aaa-lab ready url=${host.url} ${listeners.join(' ')}`.trim());

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`aaa-lab: ${signal}: stopping`);
      void host
        .close()
        .then(() => engine.close())
        .then(
          () => done(0),
          () => done(1),
        );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

function fail(e: unknown): number {
  if (e instanceof ConfigError) {
    console.error(`aaa-lab: invalid lab file: ${e.message}`);
    for (const i of e.errors) console.error(`  ${i.path}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`);
    return 2;
  }
  if (e instanceof LabError || (e as Error)?.name === 'ListenError') {
    console.error(`aaa-lab: ${(e as Error).message}`);
    return 2;
  }
  console.error(`aaa-lab: ${(e as Error)?.stack ?? String(e)}`);
  return 1;
}
