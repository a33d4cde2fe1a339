import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames } from '../../src/contract/events';
import { LabError } from '../../src/contract/envelope';
import { fromBridge } from '../../src/contract/from-bridge';
import type { LabBridge } from '../../src/contract/bridge';
import { procedureNames } from '../../src/contract/procedures';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
let api: Record<string, unknown>;

beforeAll(async () => {
  fake.resetFakes();
  await import('../../src/preload/index');
  api = fake.contextBridge.exposed.get('aaaLab') as Record<string, unknown>;
});

/** Every function reachable from the exposed object, by dotted path. */
function leaves(obj: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object')
      for (const [p, f] of leaves(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(p, f);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

describe('preload', () => {
  it('exposes window.aaaLab and nothing else', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['aaaLab']);
  });

  it('exposes exactly one named function per procedure plus on(): no generic invoke or ipcRenderer', () => {
    const all = leaves(api);
    expect([...all.keys()].sort()).toEqual([...procedureNames, 'on'].sort());
    for (const [path, fn] of all) expect(typeof fn, path).toBe('function');
  });

  it('sends each call on its own channel and hands back the envelope untouched', async () => {
    fake.ipcRenderer.answer = () => ({
      ok: false,
      error: { code: 'invalid_config', message: 'bad', issues: [{ path: 'devices[1].match', message: 'x' }] },
    });
    const servers = api.servers as Record<string, (i?: unknown) => Promise<unknown>>;
    const out = await servers.list!();
    expect(fake.ipcRenderer.invocations.at(-1)).toEqual(['aaa-lab:servers.list', {}]);
    expect(out).toMatchObject({ ok: false, error: { issues: [{ path: 'devices[1].match' }] } });
  });

  it('delivers only known events to their subscribers until unsubscribed', () => {
    const on = api.on as LabBridge['on'];
    const seen: unknown[] = [];
    const off = on('trace.cleared', (p) => seen.push(p));
    fake.ipcRenderer.deliver('aaa-lab:event', { event: 'trace.cleared', payload: { n: 1 } });
    fake.ipcRenderer.deliver('aaa-lab:event', { event: 'lab.status.changed', payload: { n: 2 } });
    fake.ipcRenderer.deliver('aaa-lab:event', { event: 'not.an.event', payload: { n: 3 } });
    fake.ipcRenderer.deliver('aaa-lab:event', 'garbage');
    off();
    fake.ipcRenderer.deliver('aaa-lab:event', { event: 'trace.cleared', payload: { n: 4 } });
    expect(seen).toEqual([{ n: 1 }]);
    expect(() => on('not.an.event' as never, () => {})).toThrow(/unknown event/);
    expect(() => on('trace.cleared', 'nope' as never)).toThrow(/function/);
  });

  it('isolates a throwing subscriber from the others', () => {
    const on = api.on as LabBridge['on'];
    const seen: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const off1 = on('stats.ticked', () => {
      throw new Error('boom');
    });
    const off2 = on('stats.ticked', (p) => seen.push(p));
    fake.ipcRenderer.deliver('aaa-lab:event', { event: 'stats.ticked', payload: 1 });
    off1();
    off2();
    expect(seen).toEqual([1]);
    spy.mockRestore();
  });

  it('accepts a subscription to every contract event and delivers each to its own subscriber', () => {
    const on = api.on as LabBridge['on'];
    const seen: [string, unknown][] = [];
    const offs = eventNames.map((e) => on(e, (p) => seen.push([e, p])));
    for (const e of eventNames) fake.ipcRenderer.deliver('aaa-lab:event', { event: e, payload: { of: e } });
    for (const off of offs) off();
    expect(eventNames.length).toBeGreaterThan(0);
    expect(seen).toEqual(eventNames.map((e) => [e, { of: e }]));
  });
});

describe('fromBridge (renderer side)', () => {
  it('unwraps envelopes and rejects with LabError carrying code and field paths', async () => {
    const bridge = api as unknown as LabBridge;
    const lab = fromBridge(bridge);
    fake.ipcRenderer.answer = (channel) => ({ ok: true, value: { channel } });
    await expect(lab.lab.status()).resolves.toEqual({ channel: 'aaa-lab:lab.status' });
    fake.ipcRenderer.answer = () => ({
      ok: false,
      error: {
        code: 'invalid_config',
        message: 'lab file has 1 problem',
        issues: [{ path: 'devices[1].match', message: 'not a CIDR' }],
      },
    });
    const err = await lab.config.apply({ source: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect(err).toMatchObject({
      code: 'invalid_config',
      issues: [{ path: 'devices[1].match', message: 'not a CIDR' }],
    });
  });
});
