import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { buildProcedures, type LabApi } from '../../src/contract/api';
import { LabError, type Envelope } from '../../src/contract/envelope';
import type { EventName } from '../../src/contract/events';
import type { StatsTick } from '../../src/contract/stats';
import type { Engine } from '../../src/engine/lab';
import { silentLogger } from '../../src/engine/log';
import { registerIpc } from '../../src/main/ipc';
import { procedureChannel } from '../../src/preload/channels';
import { startTestEngine, startTestServe, type TestServe } from '../support/engine';

// The in-process IPC adapter: src/main/ipc.ts registers on this fake ipcMain exactly as on Electron's.
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
      ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const APP_URL = 'app://aaa-lab/index.html';
const sent: Array<{ event: EventName; payload: unknown }> = [];
const topFrame = { parent: null, processId: 1, routingId: 1, url: APP_URL };
const webContents = {
  mainFrame: topFrame,
  isDestroyed: () => false,
  send: (_c: string, m: { event: EventName; payload: unknown }) => sent.push(m),
};
const win = { isDestroyed: () => false, webContents };
const trusted = { sender: webContents, senderFrame: topFrame };

let engine: Engine;
let host: TestServe;
let unregister: () => void;
let labSource: string;

function ipcApi(event: unknown = trusted): LabApi {
  const procedures = buildProcedures(
    async (name, input) =>
      (await ipc.handlers.get(procedureChannel(name))!(event, input)) as Envelope<unknown>,
  );
  return {
    ...procedures,
    on(name, listener) {
      const timer = setInterval(() => {
        for (const m of sent.splice(0)) if (m.event === name) listener(m.payload as never);
      }, 10);
      return () => clearInterval(timer);
    },
  };
}

function httpApi(): LabApi {
  const base = `http://127.0.0.1:${host.port}`;
  const procedures = buildProcedures(async (name, input) => {
    const res = await fetch(`${base}/rpc/${name}`, {
      method: 'POST',
      headers: { 'x-aaa-lab-token': host.token },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Envelope<unknown>;
  });
  return {
    ...procedures,
    on(name, listener) {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { event: EventName; payload: unknown };
        if (m.event === name) listener(m.payload as never);
      });
      return () => ws.close();
    },
  };
}

beforeAll(async () => {
  const lab = await startTestEngine({ factories: [] });
  engine = lab.engine;
  labSource = readFileSync(lab.config, 'utf8');
  host = await startTestServe(engine);
  unregister = registerIpc(
    engine,
    () => win as never,
    (url) => url === APP_URL,
    silentLogger,
  );
});

afterAll(async () => {
  unregister?.();
  await host?.close();
  await engine?.close();
});

const transports: Array<[string, () => LabApi]> = [
  ['Electron IPC', () => ipcApi()],
  ['HTTP + WebSocket', () => httpApi()],
];

describe.each(transports)('contract over %s', (_name, makeApi) => {
  it('reports the lab from the fixture', async () => {
    const status = await makeApi().lab.status();
    expect(status.state).toBe('running');
    expect(status.devices.map((d) => d.name)).toEqual(['lab-loopback', 'lab-alt']);
    expect(status.users.map((u) => u.username)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(status)).not.toContain('testing123');
  });

  it('explains a deny for bob and a permit for alice', async () => {
    const api = makeApi();
    const bob = await api.policy.explain({
      username: 'bob',
      device: '127.0.0.1',
      command: 'configure terminal',
    });
    expect(bob.authorization.allow).toBe(false);
    expect(bob.summary).toContain('group helpdesk → rule 2 `deny .*`');
    const alice = await api.policy.explain({
      username: 'alice',
      device: '127.0.0.1',
      command: 'configure terminal',
    });
    expect(alice.authorization.allow).toBe(true);
  });

  it('rejects bad input with field paths in the error envelope', async () => {
    const err = await makeApi()
      .policy.explain({ username: 42 } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect(err).toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: 'username' })],
    });
  });

  it('validates a config and refuses to apply a bad one, keeping the running lab', async () => {
    const api = makeApi();
    const bad = labSource.replace('match: 127.0.0.3/32', 'match: 127.0.0.3/33');
    const v = await api.config.validate({ source: bad });
    expect(v.ok).toBe(false);
    expect(v.errors[0]).toMatchObject({
      path: 'devices[1].match',
      message: '"127.0.0.3/33" is not a valid CIDR',
    });
    const err = await api.config.apply({ source: bad, save: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'invalid_config',
      issues: [expect.objectContaining({ path: 'devices[1].match' })],
    });
    const status = await api.lab.status();
    expect(status.devices[1]?.match).toBe('127.0.0.3/32');
    expect(status.lastReloadError?.issues[0]?.path).toBe('devices[1].match');
  });

  it('applies a good config and pushes the new status as an event', async () => {
    const api = makeApi();
    const received = new Promise<unknown>((resolve) => {
      const off = api.on('lab.status.changed', (s) => {
        if (s.users.some((u) => u.username === 'carol')) {
          off();
          resolve(s);
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100)); // let the WebSocket connect before the change
    const next = `${labSource}\n  - username: carol\n    password: carol-pass\n    groups: [helpdesk]\n`;
    const status = await api.config.apply({ source: next, save: false });
    expect(status.users.map((u) => u.username)).toContain('carol');
    await expect(received).resolves.toBeTruthy();
    await api.config.apply({ source: labSource, save: false });
  });

  it('keeps each second it pushes as stats.ticked in stats.history', async () => {
    const api = makeApi();
    const tick = await new Promise<StatsTick>((resolve) => {
      const off = api.on('stats.ticked', (t) => {
        off();
        resolve(t);
      });
    });
    const { ticks, windowSeconds } = await api.stats.history({ after: tick.at - 1 });
    expect(windowSeconds).toBe(3600);
    expect(ticks[0]).toEqual(tick);
  });

  it('answers not_found for an unknown trace record', async () => {
    await expect(makeApi().trace.get({ id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('trust boundaries', () => {
  it('IPC refuses a call from a frame that is not our top frame', async () => {
    const iframe = { ...topFrame, parent: topFrame, routingId: 2 };
    await expect(ipcApi({ sender: webContents, senderFrame: iframe }).lab.status()).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(
      ipcApi({
        sender: webContents,
        senderFrame: { ...topFrame, url: 'https://evil.example/' },
      }).lab.status(),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('HTTP refuses calls without the token, and WebSocket upgrades without it', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/rpc/lab.status`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=wrong`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('HTTP refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/health', headers: { host: 'evil.example' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
