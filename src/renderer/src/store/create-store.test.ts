import { describe, expect, it } from 'vitest';
import { LabError, type LabApi, type LabStatus, type StatsTick, type TraceRow } from '../../../contract';
import { connectStore, createAppStore } from './create-store';

const status = (over: Partial<LabStatus> = {}): LabStatus => ({
  state: 'running',
  dataDir: '/tmp/d',
  services: [],
  devices: [],
  groups: [],
  users: [],
  backends: [],
  warnings: [],
  notices: [],
  ...over,
});

const row = (id: number, over: Partial<TraceRow> = {}): TraceRow => ({
  id,
  timeUs: id,
  protocol: 'radius',
  direction: 'in',
  transport: 'udp',
  role: 'server',
  local: { address: '127.0.0.1', port: 1812 },
  remote: { address: '127.0.0.1', port: 5000 },
  summary: `Access-Request ${id}`,
  length: 20,
  ...over,
});

/** An in-memory LabApi: answers from fields the test sets, and lets the test emit events. */
function fakeApi() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const state = {
    status: status() as LabStatus | Error,
    trace: [] as TraceRow[],
    listCalls: [] as unknown[],
    history: [] as StatsTick[],
  };
  const answer = <T>(v: T | Error) => (v instanceof Error ? Promise.reject(v) : Promise.resolve(v));
  const api = {
    lab: {
      status: () => answer(state.status),
      start: () => answer(state.status),
      stop: () => answer(status({ state: 'stopped' })),
    },
    trace: {
      list: (input?: { before?: number; limit?: number; device?: string }) => {
        state.listCalls.push(input);
        const rows = state.trace
          .filter((r) => input?.before === undefined || r.id < input.before)
          .filter((r) => !input?.device || r.device === input.device)
          .sort((a, b) => b.id - a.id)
          .slice(0, input?.limit ?? 500);
        return Promise.resolve({ rows, total: state.trace.length });
      },
      clear: () => Promise.resolve({ cleared: state.trace.length }),
      get: ({ id }: { id: number }) => Promise.resolve({ ...row(id), hex: '00', dissection: [] }),
    },
    stats: {
      history: () => Promise.resolve({ ticks: state.history, windowSeconds: 3600 }),
    },
    on: (event: string, cb: (p: unknown) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      return () => set.delete(cb);
    },
  } as unknown as LabApi;
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, state, emit, listeners };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('lab slice', () => {
  it('becomes ready on the first status and marks an unreachable engine as error', async () => {
    const ok = fakeApi();
    const store = createAppStore(ok.api);
    expect(store.getState().phase).toBe('loading');
    await store.getState().loadStatus();
    expect(store.getState().phase).toBe('ready');

    const down = fakeApi();
    down.state.status = new LabError('unavailable', 'engine down');
    const broken = createAppStore(down.api);
    await broken.getState().loadStatus();
    expect(broken.getState()).toMatchObject({ phase: 'error', phaseError: 'engine down' });
  });

  it('keeps the app up when a later refresh fails', async () => {
    const f = fakeApi();
    const store = createAppStore(f.api);
    await store.getState().loadStatus();
    f.state.status = new Error('blip');
    await store.getState().loadStatus();
    expect(store.getState()).toMatchObject({ phase: 'ready', actionError: 'blip' });
  });

  it('follows lab.status.changed and stats.ticked events once connected', async () => {
    const f = fakeApi();
    const store = createAppStore(f.api);
    const off = connectStore(store, f.api);
    await flush();
    f.emit('lab.status.changed', status({ state: 'stopped' }));
    expect(store.getState().status?.state).toBe('stopped');
    const tick = statsTick(1000);
    f.emit('stats.ticked', tick);
    f.emit('stats.ticked', { ...tick, at: 1000 });
    f.emit('stats.ticked', { ...tick, at: 2000 });
    expect(store.getState().ticks.map((t) => t.at)).toEqual([1000, 2000]);
    off();
    expect([...f.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });
});

const statsTick = (at: number): StatsTick => ({
  at,
  tacacs: { requests: 1, pass: 1, fail: 0, p50Ms: 1, p99Ms: 1 },
  radiusAuth: { requests: 0, pass: 0, fail: 0, p50Ms: null, p99Ms: null },
  radiusAcct: null,
  coa: null,
  dropped: 0,
  activeConnections: 0,
});

describe('stats slice', () => {
  it("loads the engine's history on connect, under the live ticks that came first", async () => {
    const f = fakeApi();
    f.state.history = [statsTick(1000), statsTick(2000), statsTick(3000)];
    const store = createAppStore(f.api);
    let reconnect = () => {};
    const off = connectStore(store, f.api, (cb) => {
      reconnect = cb;
      return () => {};
    });
    f.emit('stats.ticked', { ...statsTick(3000), dropped: 9 });
    f.emit('stats.ticked', statsTick(4000));
    await flush();
    expect(store.getState().ticks.map((t) => t.at)).toEqual([1000, 2000, 3000, 4000]);

    // Seconds that passed while the connection was down come back with the history.
    f.state.history = [...f.state.history, statsTick(4000), statsTick(5000), statsTick(6000)];
    f.emit('stats.ticked', statsTick(7000));
    reconnect();
    await flush();
    expect(store.getState().ticks.map((t) => t.at)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    off();
  });
});

describe('trace slice', () => {
  it('lists oldest first and merges live rows without duplicates', async () => {
    const f = fakeApi();
    f.state.trace = [row(1), row(2), row(3)];
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1, 2, 3]);
    store.getState().appendTraceRows([row(4), row(3)]);
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('counts a packet once when its live batch comes after the list that already counted it', async () => {
    const f = fakeApi();
    f.state.trace = [row(1), row(2)];
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    expect(store.getState().traceTotal).toBe(2);
    store.getState().appendTraceRows([row(1), row(2)]);
    expect(store.getState().traceTotal).toBe(2);
    store.getState().appendTraceRows([row(2), row(3)]);
    expect(store.getState().traceTotal).toBe(3);
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('applies the filter to live rows and to the list request', async () => {
    const f = fakeApi();
    f.state.trace = [row(1, { device: 'a' }), row(2, { device: 'b' })];
    const store = createAppStore(f.api);
    await store.getState().setTraceFilter({ device: 'b', text: ' ' });
    expect(f.state.listCalls.at(-1)).toEqual({ device: 'b', limit: 500 });
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([2]);
    store.getState().appendTraceRows([row(3, { device: 'a' }), row(4, { device: 'b' })]);
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([2, 4]);
  });

  it('counts rows missed while paused and reloads on resume', async () => {
    const f = fakeApi();
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    store.getState().setTracePaused(true);
    f.state.trace = [row(1), row(2)];
    store.getState().appendTraceRows([row(1), row(2)]);
    expect(store.getState()).toMatchObject({ traceMissed: 2, traceRows: [] });
    store.getState().setTracePaused(false);
    await flush();
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1, 2]);
  });

  it("hides the test client's copies until asked for", async () => {
    const f = fakeApi();
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    expect(f.state.listCalls.at(-1)).toEqual({ role: ['server'], limit: 500 });
    store.getState().appendTraceRows([row(1), row(2, { role: 'client' })]);
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1]);
  });

  it('keeps the view still while not following: new rows are counted, the selection stays', async () => {
    const f = fakeApi();
    f.state.trace = [row(1), row(2), row(3)];
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    await store.getState().selectTrace(2);
    store.getState().setTraceFollowing(false);
    const more = Array.from({ length: 600 }, (_, i) => row(i + 4));
    f.state.trace.push(...more);
    store.getState().appendTraceRows(more);
    expect(store.getState()).toMatchObject({ traceMissed: 600, selectedTraceId: 2 });
    expect(store.getState().traceRows.map((r) => r.id)).toEqual([1, 2, 3]);
    // Jumping to the end loads the newest page afresh (no gap between the held rows and it).
    store.getState().setTraceFollowing(true);
    await flush();
    const ids = store.getState().traceRows.map((r) => r.id);
    expect(ids[0]).toBe(104);
    expect(ids.at(-1)).toBe(603);
    expect(store.getState()).toMatchObject({ traceMissed: 0, selectedTraceId: 2, traceHasOlder: true });
  });

  it('pages older rows with `before`', async () => {
    const f = fakeApi();
    f.state.trace = Array.from({ length: 700 }, (_, i) => row(i + 1));
    const store = createAppStore(f.api);
    await store.getState().loadTrace();
    expect(store.getState().traceRows[0]?.id).toBe(201);
    expect(store.getState().traceHasOlder).toBe(true);
    await store.getState().loadOlderTrace();
    expect(store.getState().traceRows.length).toBe(700);
    expect(store.getState().traceHasOlder).toBe(false);
  });

  it('empties on trace.cleared', async () => {
    const f = fakeApi();
    f.state.trace = [row(1)];
    const store = createAppStore(f.api);
    connectStore(store, f.api);
    await store.getState().loadTrace();
    await store.getState().selectTrace(1);
    expect(store.getState().traceRecord?.id).toBe(1);
    f.emit('trace.cleared', {});
    expect(store.getState()).toMatchObject({
      traceRows: [],
      selectedTraceId: undefined,
      traceRecord: undefined,
    });
  });
});
