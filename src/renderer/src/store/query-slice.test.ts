import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { LabApi, LabStatus } from '../../../contract';
import { connectStore, createAppStore } from './create-store';
import { createQuerySlice, type QuerySlice } from './query-slice';

const querySlice = () => createStore<QuerySlice>()((...a) => createQuerySlice()(...a));
const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('query slice', () => {
  it('holds the answer under its key', async () => {
    const s = querySlice();
    await s.getState().fetchQuery('sessions.list', () => Promise.resolve(['a']));
    expect(s.getState().queries['sessions.list']).toMatchObject({ data: ['a'], stale: 0 });
  });

  it('drops the answer of a run superseded by a later one', async () => {
    const s = querySlice();
    const slow = deferred<string>();
    const first = s.getState().fetchQuery('k', () => slow.promise);
    await s.getState().fetchQuery('k', () => Promise.resolve('new'));
    slow.resolve('old');
    await first;
    expect(s.getState().queries.k?.data).toBe('new');
  });

  it('keeps the last answer beside a later error', async () => {
    const s = querySlice();
    await s.getState().fetchQuery('k', () => Promise.resolve(1));
    await s.getState().fetchQuery('k', () => Promise.reject(new Error('engine down')));
    expect(s.getState().queries.k).toMatchObject({ data: 1, error: 'engine down' });
  });

  it('marks stale only the queries whose key starts with a given prefix; forgets dropped ones', async () => {
    const s = querySlice();
    await s.getState().fetchQuery('servers.list', () => Promise.resolve(1));
    await s.getState().fetchQuery('audit.query', () => Promise.resolve(2));
    s.getState().invalidateQueries(['servers.']);
    expect(s.getState().queries['servers.list']?.stale).toBe(1);
    expect(s.getState().queries['audit.query']?.stale).toBe(0);
    s.getState().dropQuery('audit.query');
    expect(s.getState().queries['audit.query']).toBeUndefined();
  });

  it('an engine event invalidates the queries of the procedures it changes', async () => {
    const listeners = new Map<string, (p: unknown) => void>();
    const status = { state: 'running', services: [], devices: [], groups: [], users: [] } as unknown;
    const api = {
      lab: { status: () => Promise.resolve(status as LabStatus) },
      on: (event: string, cb: (p: unknown) => void) => (
        listeners.set(event, cb),
        () => listeners.delete(event)
      ),
    } as unknown as LabApi;
    const store = createAppStore(api);
    const off = connectStore(store, api);
    await store.getState().fetchQuery('servers.list', () => Promise.resolve([]));
    await store.getState().fetchQuery('trace.get:{"id":1}', () => Promise.resolve({}));
    listeners.get('lab.status.changed')?.(status);
    expect(store.getState().queries['servers.list']?.stale).toBe(1);
    expect(store.getState().queries['trace.get:{"id":1}']?.stale).toBe(0);
    listeners.get('trace.cleared')?.({});
    expect(store.getState().queries['trace.get:{"id":1}']?.stale).toBe(1);
    off();
  });
});
