import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { account } from '../../src/engine/tacacs/client/client-ops';
import { copyFixtureLab, repoRoot } from '../support/fixtures';

const API_TOKEN = 'lab-api-token-0123456789'; // the fixture's web.apiToken
const cli = join(repoRoot, 'bin', 'aaa-lab.mjs');
const children = new Set<ChildProcess>();

interface Ready {
  child: ChildProcess;
  base: string;
  listeners: Map<string, { host: string; port: number }>;
}

/** Starts `aaa-lab serve` and resolves at its `aaa-lab ready` line (never a sleep). */
function serve(config: string, dataDir: string): Promise<Ready> {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error('aaa-lab is not built: run `npx electron-vite build` first');
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--config', config, '--data-dir', dataDir, '--web-port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 15 s\n${err}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`aaa-lab serve exited with ${code}\n${err}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('aaa-lab ready')) return;
      clearTimeout(timer);
      const url = new URL(/url=(\S+)/.exec(line)![1]!);
      const listeners = new Map<string, { host: string; port: number }>();
      for (const m of line.matchAll(/ ([a-z-]+)=\[?([^\s\]]+?)\]?:(\d+)\/(tcp|udp|tls)/g))
        listeners.set(m[1]!, { host: m[2]!, port: Number(m[3]) });
      resolve({ child, base: `${url.protocol}//${url.host}`, listeners });
    });
  });
}

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

describe('accounting durability across kill -9 of aaa-lab serve', () => {
  it('every record a client saw acknowledged is in the store after a restart', async () => {
    const { config, dir } = copyFixtureLab();
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const first = await serve(config, dataDir);
    const tac = first.listeners.get('tacacs');
    const radAcct = first.listeners.get('radius-acct');
    if (!tac && !radAcct)
      throw new Error(
        `aaa-lab serve runs no TACACS+ or RADIUS accounting listener: ${[...first.listeners.keys()].join(', ')}`,
      );

    const acked = new Set<string>();
    let sent = 0;
    let stop = false;
    const streams: Array<Promise<void>> = [];
    // Several concurrent streams so the kill lands with requests in flight.
    for (let w = 0; w < 4 && tac; w++) {
      const client = new TacacsClient({
        host: tac.host,
        port: tac.port,
        secret: 'testing123',
        singleConnect: true,
        timeoutMs: 2000,
      });
      streams.push(
        (async () => {
          while (!stop) {
            const id = `t${w}-${sent++}`;
            const r = await account(client, {
              user: 'alice',
              flags: 'start',
              args: [`task_id=${id}`, 'service=shell'],
            }).catch(() => undefined);
            if (r?.status === 'SUCCESS') acked.add(id);
            else if (r) throw new Error(`accounting answered ${r.status}: ${r.serverMsg}`);
          }
          client.close();
        })(),
      );
    }
    for (let w = 0; w < 2 && radAcct; w++) {
      const client = new RadiusClient({
        host: radAcct.host,
        port: radAcct.port,
        secret: 'testing123',
        timeoutMs: 500,
        retries: 0,
      });
      streams.push(
        (async () => {
          while (!stop) {
            const id = `r${w}-${sent++}`;
            const r = await client
              .accounting('Start', [
                { name: 'Acct-Session-Id', value: id },
                { name: 'User-Name', value: 'bob' },
              ])
              .catch(() => undefined);
            if (r?.code === 5) acked.add(id);
          }
          await client.close();
        })(),
      );
    }

    // Kill mid-stream once a good number of records have been acknowledged.
    const t0 = Date.now();
    while (acked.size < 500 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    stop = true;
    await Promise.all(streams);
    expect(acked.size).toBeGreaterThanOrEqual(500);

    const second = await serve(config, dataDir);
    const res = await fetch(`${second.base}/api/accounting?format=ndjson`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const stored = new Set(
      (await res.text())
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { sessionId?: string }).sessionId),
    );
    const missing = [...acked].filter((id) => !stored.has(id));
    expect(missing, `${missing.length} of ${acked.size} acknowledged records lost`).toEqual([]);
    second.child.kill('SIGTERM');
  }, 60_000);
});
