import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { Handlers } from '../../src/contract/dispatch';
import { procedureNames } from '../../src/contract/procedures';
import { EventBus } from '../../src/engine/events';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { isTrustedSender, registerIpc } = await import('../../src/main/ipc');
const { rendererSource } = await import('../../src/main/origin');

const { isAppUrl } = rendererSource(undefined, true);
const log = { warn: vi.fn(), error: vi.fn() };

function engine() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    procedureNames.map((name) => [
      name,
      async (input: unknown) => {
        calls.push([name, input]);
        if (name === 'trace.clear') throw new Error('disk on fire');
        return { answeredBy: name };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, events: new EventBus(), calls };
}

function setup() {
  const eng = engine();
  const win = new fake.BrowserWindow({});
  const dispose = registerIpc(eng, () => win as unknown as BrowserWindow, isAppUrl, log);
  const call = (
    name: string,
    input: unknown,
    event = { sender: win.webContents, senderFrame: win.webContents.mainFrame },
  ) => fake.ipcMain.handlers.get(`aaa-lab:${name}`)!(event as never, input as never) as Promise<unknown>;
  return { eng, win, dispose, call };
}

beforeEach(() => {
  fake.resetFakes();
  log.warn.mockReset();
  log.error.mockReset();
});

describe('IPC adapter', () => {
  it('registers one handler per contract procedure and nothing else', () => {
    setup();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      procedureNames.map((n) => `aaa-lab:${n}`).sort(),
    );
  });

  it('dispatches a trusted call through the contract (input parsed, envelope returned)', async () => {
    const { call, eng } = setup();
    const out = await call('policy.explain', { username: 'bob', command: 'configure terminal' });
    expect(out).toEqual({ ok: true, value: { answeredBy: 'policy.explain' } });
    expect(eng.calls).toEqual([['policy.explain', { username: 'bob', command: 'configure terminal' }]]);
  });

  it('answers invalid input with field paths, without calling the engine', async () => {
    const { call, eng } = setup();
    const out = (await call('config.validate', { source: 42 })) as {
      ok: false;
      error: { code: string; issues: Array<{ path: string }> };
    };
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe('invalid_input');
    expect(out.error.issues.map((i) => i.path)).toEqual(['source']);
    expect(eng.calls).toEqual([]);
  });

  it('turns a handler crash into an internal envelope and logs it', async () => {
    const { call } = setup();
    expect(await call('trace.clear', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
    expect(log.error).toHaveBeenCalled();
  });

  it('rejects callers that are not our window’s top frame showing our page', async () => {
    const { call, win, eng } = setup();
    const other = new fake.BrowserWindow({});
    const top = win.webContents.mainFrame;
    const foreign = [
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { sender: win.webContents, senderFrame: new fake.FakeFrame(1, 7, 'app://lab/index.html', top) },
      { sender: win.webContents, senderFrame: new fake.FakeFrame(2, 1, 'app://lab/index.html') },
      { sender: win.webContents, senderFrame: null },
    ];
    for (const event of foreign) {
      expect(await call('lab.status', {}, event as never)).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    }
    top.url = 'https://evil.example/';
    expect(await call('lab.status', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    win.destroyed = true;
    top.url = 'app://lab/index.html';
    expect(await call('lab.status', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(eng.calls).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(foreign.length + 2);
  });

  it('accepts the same frame seen through a different WebFrameMain object', () => {
    const win = new fake.BrowserWindow({});
    const same = new fake.FakeFrame(1, 1, 'app://lab/index.html#/policy');
    expect(
      isTrustedSender({ sender: win.webContents, senderFrame: same } as never, win as never, isAppUrl),
    ).toBe(true);
    expect(isTrustedSender({ sender: win.webContents, senderFrame: same } as never, null, isAppUrl)).toBe(
      false,
    );
  });

  it('forwards engine events to the window and stops on dispose', () => {
    const { eng, win, dispose } = setup();
    eng.events.emit('trace.cleared', {});
    expect(win.webContents.sent).toEqual([['aaa-lab:event', { event: 'trace.cleared', payload: {} }]]);
    win.webContents.destroyed = true;
    eng.events.emit('trace.cleared', {});
    expect(win.webContents.sent).toHaveLength(1);
    win.webContents.destroyed = false;
    dispose();
    eng.events.emit('trace.cleared', {});
    expect(win.webContents.sent).toHaveLength(1);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
