import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { TraceColumns } from './columns';
import { TraceStore } from './trace-store';
import type { TraceInput } from './types';

// The ring's memory contract (the figures in bench/trace-memory.ts rest on it): records with equal
// text and decisions share one stored copy, however the sender built them. Senders hand the sink
// plain, fresh strings and the policy's own decisions; the sink does the sharing.

/** A fresh copy of `s` (a socket or decoder hands over new strings every packet). */
const fresh = (s: string): string => s.split('').join('');

const record = (user: string, reasons: string[]): TraceInput => ({
  protocol: 'tacacs',
  direction: 'in',
  transport: 'tcp',
  role: 'server',
  local: { address: '127.0.0.1', port: 49 },
  remote: { address: fresh('192.0.2.7'), port: 50000 },
  device: 'lab',
  user: fresh(user),
  summary: fresh(`Authen START PAP ${user} from a port with a rather long name, tty/console/0/1`),
  bytes: new Uint8Array([0xc1, 1, 1, 0]),
  decision: { allow: true, reasons },
});

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('trace sink sharing', () => {
  it('stores one decision object for equal decisions, not the one handed in', () => {
    const cols = new TraceColumns(10);
    const policy = { allow: true, reasons: ['device lab', 'user alice', 'authentication passed'] };
    cols.put(1, 0, record('alice', policy.reasons), -1);
    cols.put(2, 0, record('alice', policy.reasons.map(fresh)), -1);
    cols.put(3, 0, record('alice', [...policy.reasons.slice(0, 2), 'authentication failed']), -1);
    const shared = cols.decision(1)!;
    expect(cols.decision(2)).toBe(shared);
    expect(shared).not.toBe(policy);
    expect(shared).toEqual(policy);
    expect(cols.decision(3)).not.toBe(shared);
  });

  it('hands readers their own copy of a decision, never the shared one', () => {
    const store = new TraceStore({ ringSize: 10, runId: 'r' });
    const reasons = ['device lab', 'user alice'];
    const a = store.append(record('alice', reasons));
    const b = store.append(record('alice', reasons));
    store.get(a)!.decision!.reasons.push('changed by a reader');
    expect(store.get(b)!.decision).toEqual({ allow: true, reasons });
    expect(store.get(a)!.decision).toEqual({ allow: true, reasons });
    store.close();
  });

  it('keeps one copy of equal summaries, users and reasons across records', () => {
    const N = 5000;
    const store = new TraceStore({ ringSize: N, runId: 'r' });
    const reasons = ['device lab', 'user alice', 'group netops', 'authentication passed'];
    // Fill the ring with records of one copy each, so what is measured is the second pass alone.
    const same = record('warm', reasons);
    for (let i = 0; i < N; i++) store.append(same);
    const before = heapAfterGc();
    for (let i = 0; i < N; i++) store.append(record('alice', reasons.map(fresh)));
    const grown = heapAfterGc() - before;
    // Unshared, each record would keep ~300 bytes of summary, user and reasons (1.5 MB in all).
    expect(grown).toBeLessThan(N * 20);
    expect(store.list({ user: 'alice' }).total).toBe(N);
    store.close();
  });
});
