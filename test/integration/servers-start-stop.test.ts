import { execFile } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { requirePeer } from '../peers/require-peer';
import { callProcedure, startTestEngine } from '../support/engine';

const radclient = requirePeer('radclient', 'freeradius-utils');

/** radclient's exit code and output for one Access-Request (bob, PAP), one try of 1 s. */
function radclientAuth(port: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = execFile(
      radclient!,
      ['-x', '-r', '1', '-t', '1', `127.0.0.1:${port}`, 'auth', 'testing123'],
      { timeout: 10_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, out: stdout + stderr }),
    );
    p.stdin?.end('User-Name = bob\nUser-Password = bob-pass\n');
  });
}

const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const stateOf = (engine: Engine, name: string) => engine.status().services.find((s) => s.name === name);

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe.skipIf(!radclient)('servers.stop / servers.start', () => {
  it('stopping RADIUS auth leaves radclient unanswered; starting it answers again', async () => {
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    const port = t.port('radius-auth');
    const acct = t.port('radius-acct');
    expect((await radclientAuth(port)).out).toContain('Access-Accept');

    const events: string[] = [];
    engine.events.on('lab.status.changed', (s) =>
      events.push(s.services.find((x) => x.name === 'radius-auth')?.state ?? '?'),
    );
    const list = await callProcedure(engine, 'servers.stop', { service: 'radius-auth' });
    expect(list.find((s) => s.name === 'radius-auth')).toMatchObject({ state: 'stopped', held: true });
    expect(events).toContain('stopped');
    const silent = await radclientAuth(port);
    expect(silent.code).not.toBe(0);
    expect(silent.out).not.toContain('Access-Accept');
    // Accounting is a service of its own and keeps its socket.
    expect(stateOf(engine, 'radius-acct')).toMatchObject({ state: 'running' });
    expect(t.port('radius-acct')).toBe(acct);

    await callProcedure(engine, 'servers.start', { service: 'radius-auth' });
    expect(stateOf(engine, 'radius-auth')?.state).toBe('running');
    const again = engine.status().services.find((s) => s.name === 'radius-auth')!.listeners[0]!.port;
    expect((await radclientAuth(again)).out).toContain('Access-Accept');
  });

  it('keeps a stopped service stopped across config.apply until it is started', async () => {
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    const port = t.port('tacacs');
    await callProcedure(engine, 'servers.stop', { service: 'tacacs' });
    expect(await tcpOpen(port)).toBe(false);
    expect(stateOf(engine, 'tacacs-tls')?.state).toBe('running');

    // A reload that changes TACACS+ limits would restart it, but it is held down.
    const source = engine.lab.source.replace('tacacs:\n', 'tacacs:\n  maxConnections: 50\n');
    expect(source).not.toBe(engine.lab.source);
    await callProcedure(engine, 'config.apply', { source, save: false });
    expect(stateOf(engine, 'tacacs')).toMatchObject({ state: 'stopped', held: true });

    await callProcedure(engine, 'servers.start', { service: 'tacacs' });
    expect(await tcpOpen(t.port('tacacs'))).toBe(true);
    expect(stateOf(engine, 'tacacs')?.held).toBeUndefined();
  });

  it('reports a port that cannot be bound as the service error (EADDRINUSE), and the lab runs on', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    await callProcedure(engine, 'servers.stop', { service: 'tacacs' });
    const source = engine.lab.source.replace(
      /(tacacs:\n {2}listen: \[")127\.0\.0\.1:0/,
      `$1127.0.0.1:${taken}`,
    );
    await callProcedure(engine, 'config.apply', { source, save: false });
    await expect(callProcedure(engine, 'servers.start', { service: 'tacacs' })).rejects.toThrow(
      /already in use/,
    );
    expect(stateOf(engine, 'tacacs')).toMatchObject({ state: 'error' });
    expect(stateOf(engine, 'tacacs')?.error).toMatch(`127.0.0.1:${taken} is already in use`);
    expect(engine.status().state).toBe('running');
    blocker.close();
  });

  it('refuses to stop the web listener, with the reason', async () => {
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    await expect(callProcedure(engine, 'servers.stop', { service: 'web' })).rejects.toThrow(
      /cut that page off/,
    );
    await expect(callProcedure(engine, 'servers.stop', { service: 'nope' })).rejects.toThrow(/invalid_input/);
  });
});
