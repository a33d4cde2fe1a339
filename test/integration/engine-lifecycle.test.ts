import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestEngine } from '../support/engine';
import { copyFixtureLab, repoRoot } from '../support/fixtures';

const handles = () =>
  (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => {
    const name = (h as object).constructor?.name;
    return (
      name === 'Server' || name === 'Socket' || name === 'TLSSocket' || name === 'UDP' || name === 'Timeout'
    );
  }).length;

describe('engine lifecycle', () => {
  it('starts every service of the fixture and releases every socket and timer on close', async () => {
    const before = handles();
    const { engine } = await startTestEngine({ ports: 'ephemeral' });
    const status = engine.status();
    expect(status.services.map((s) => [s.name, s.state])).toEqual([
      ['tacacs', 'running'],
      ['tacacs-tls', 'running'],
      ['radius-auth', 'running'],
      ['radius-acct', 'running'],
      ['coa', 'running'],
      ['radsec', 'running'],
    ]);
    expect(status.services.flatMap((s) => s.listeners).map((l) => l.service)).toEqual([
      'tacacs',
      'tacacs-tls',
      'radius-auth',
      'radius-acct',
      'coa',
      'radsec',
    ]);
    expect(handles()).toBeGreaterThan(before);
    await engine.stop();
    await engine.start(); // restartable
    await engine.close();
    // Closed sockets leave the handle list on their close callbacks: give them a few turns.
    for (let i = 0; i < 20 && handles() > before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handles()).toBeLessThanOrEqual(before);
  });

  it('keeps the running lab when a reload cannot bind its new port', async () => {
    const { engine } = await startTestEngine({ ports: 'ephemeral' });
    const tacacsPort = engine.status().services[0]!.listeners[0]!.port;
    const radiusPort = engine.status().services[2]!.listeners[0]!.port;
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const source = engine.lab.source.replace(
      /(tacacs:\n {2}listen: \[")127\.0\.0\.1:0/,
      `$1127.0.0.1:${taken}`,
    );
    expect(source).toContain(`127.0.0.1:${taken}`);
    await expect(engine.handlers['config.apply']({ source, save: false })).rejects.toThrow(/already in use/);
    blocker.close();
    const after = engine.status();
    expect(after.services[0]!.listeners[0]!.port).toBe(tacacsPort);
    expect(after.services[0]!.state).toBe('running');
    expect(after.services[2]!.listeners[0]!.port).toBe(radiusPort);
    await engine.close();
  });
});

describe('aaa-lab serve', () => {
  it('exits non-zero with a clear message when a protocol port is taken', async () => {
    const { config, dir } = copyFixtureLab();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    writeFileSync(
      config,
      readFileSync(config, 'utf8')
        .replace('127.0.0.1:14949', `127.0.0.1:${port}`)
        .replace(new RegExp(`127\\.0\\.0\\.1:(?!${port})\\d{4,5}`, 'g'), '127.0.0.1:0'),
    );
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/aaa-lab.mjs'),
        'serve',
        '--config',
        config,
        '--data-dir',
        join(dir, 'data'),
        '--web-port',
        '0',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    // A serve that wrongly keeps running must not hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    clearTimeout(timer);
    blocker.close();
    expect(code).not.toBe(0);
    expect(stderr).toContain(`127.0.0.1:${port} is already in use`);
  });
});
