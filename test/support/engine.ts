import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src/contract/dispatch';
import type { Envelope } from '../../src/contract/envelope';
import type { ProcedureName, ProcedureOutput } from '../../src/contract/procedures';
import type { Listener } from '../../src/contract/schemas';
import { Engine } from '../../src/engine/lab';
import { silentLogger } from '../../src/engine/log';
import type { ServiceFactory } from '../../src/engine/context';
import { startServeHost, type ServeHost } from '../../src/serve/host';
import { copyFixtureLab, repoRoot } from './fixtures';

export interface TestEngineOptions {
  /** Shared fixture lab file to copy (with its tls/ folder). */
  lab?: string;
  /** 'ephemeral' rewrites every quoted "127.0.0.1:N" listener to port 0, so tests run side by side. */
  ports?: 'fixture' | 'ephemeral';
  /** [] runs no protocol service (contract/API tests); default: every service of the lab. */
  factories?: ServiceFactory[];
  env?: Record<string, string | undefined>;
  /** Last edit of the lab text before loading. */
  edit?: (text: string) => string;
}

export interface TestEngine {
  engine: Engine;
  /** The copied lab file and its directory. */
  config: string;
  dir: string;
  /** Bound port of a running listener ("tacacs", "radius-auth", …). */
  port(service: Listener['service']): number;
}

/** An engine over a temp copy of a fixture lab, started, with a temp data dir. */
export async function startTestEngine(opts: TestEngineOptions = {}): Promise<TestEngine> {
  const { config, dir } = copyFixtureLab(opts.lab ?? 'lab.yaml');
  let text = readFileSync(config, 'utf8');
  if (opts.ports === 'ephemeral') text = text.replace(/"127\.0\.0\.1:\d+"/g, '"127.0.0.1:0"');
  if (opts.edit) text = opts.edit(text);
  writeFileSync(config, text);
  const engine = await Engine.create({
    configPath: config,
    defaultConfigPath: join(repoRoot, 'resources/lab.default.yaml'),
    dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-test-data-')),
    log: silentLogger,
    env: opts.env,
    factories: opts.factories,
  });
  await engine.start();
  const port = (service: Listener['service']) => {
    const l = engine
      .status()
      .services.flatMap((s) => s.listeners)
      .find((x) => x.service === service);
    if (!l) throw new Error(`no ${service} listener is running`);
    return l.port;
  };
  return { engine, config, dir, port };
}

/** The headless host over an engine, on an ephemeral loopback port. */
export type TestServe = ServeHost & { base: string };

export async function startTestServe(engine: Engine): Promise<TestServe> {
  const host = await startServeHost({
    engine,
    host: '127.0.0.1',
    port: 0,
    portFallback: false,
    rendererDir: join(repoRoot, 'out/renderer'),
  });
  return Object.assign(host, { base: `http://127.0.0.1:${host.port}` });
}

/** A procedure through the contract's dispatcher, as the hosts call it; a failure envelope throws. */
export async function callProcedure<K extends ProcedureName>(
  engine: Engine,
  name: K,
  input: unknown,
): Promise<ProcedureOutput<K>> {
  const env = (await dispatch(engine.handlers, name, input, (_n, e) => {
    throw e;
  })) as Envelope<ProcedureOutput<K>>;
  if (!env.ok) throw new Error(`${name}: ${env.error.code} ${env.error.message}`);
  return env.value;
}
