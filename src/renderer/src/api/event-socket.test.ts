import { describe, expect, it } from 'vitest';
import { EventSocket, backoffDelay, type SocketLike, type Timers } from './event-socket';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(event: string, payload: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
  }
  drop() {
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const pending: { fn: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => pending.push({ fn, ms }),
    clearTimeout: () => {},
  };
  const es = new EventSocket(
    'ws://h/events?token=t',
    (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    { initialMs: 100, maxMs: 1000 },
  );
  return { es, sockets, pending };
}

describe('EventSocket', () => {
  it('connects on the first subscription and dispatches by event name', () => {
    const { es, sockets } = harness();
    expect(sockets).toHaveLength(0);
    const got: unknown[] = [];
    es.on('stats.ticked', (p) => got.push(p));
    expect(sockets).toHaveLength(1);
    sockets[0]?.open();
    sockets[0]?.send('stats.ticked', { at: 1 });
    sockets[0]?.send('trace.cleared', {});
    sockets[0]?.onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ at: 1 }]);
  });

  it('stops delivering after unsubscribe', () => {
    const { es, sockets } = harness();
    const got: unknown[] = [];
    const off = es.on('trace.cleared', (p) => got.push(p));
    off();
    sockets[0]?.send('trace.cleared', {});
    expect(got).toEqual([]);
  });

  it('reconnects with exponential backoff and reports the reconnection', () => {
    const { es, sockets, pending } = harness();
    const states: string[] = [];
    es.onState((s, re) => states.push(re ? `${s}+re` : s));
    es.on('trace.appended', () => {});
    sockets[0]?.open();
    sockets[0]?.drop();
    expect(pending.map((p) => p.ms)).toEqual([100]);
    pending.shift()?.fn();
    sockets[1]?.drop();
    pending.shift()?.fn();
    sockets[2]?.drop();
    expect(pending.map((p) => p.ms)).toEqual([400]);
    pending.shift()?.fn();
    sockets[3]?.open();
    expect(sockets).toHaveLength(4);
    expect(states).toEqual([
      'connecting',
      'open',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'open+re',
    ]);
    // After a successful open the backoff starts again from the beginning.
    sockets[3]?.drop();
    expect(pending.map((p) => p.ms)).toEqual([100]);
  });

  it('caps the backoff', () => {
    expect(backoffDelay(0, { initialMs: 250, maxMs: 10_000 })).toBe(250);
    expect(backoffDelay(50, { initialMs: 250, maxMs: 10_000 })).toBe(10_000);
  });

  it('stays closed after dispose', () => {
    const { es, sockets, pending } = harness();
    es.on('x' as string, () => {});
    es.dispose();
    expect(sockets[0]?.closed).toBe(true);
    sockets[0]?.drop();
    expect(pending).toHaveLength(0);
  });
});
