import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRun } from '../../src/cli/load';
import type { CliIo } from '../../src/cli/io';
import { loadPlanSchema, type LoadPlanInput } from '../../src/contract/load';
import { LoadRun, ticksCsv } from '../../src/engine/bench/load/load-runner';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import {
  callProcedure,
  startTestEngine,
  startTestServe,
  type TestEngine,
  type TestServe,
} from '../support/engine';

// Short, count-bounded runs on loopback: the runner's counts must equal what the server counted.
let lab: TestEngine;
let serve: TestServe;
beforeAll(async () => {
  lab = await startTestEngine({ ports: 'ephemeral' });
  serve = await startTestServe(lab.engine);
});
afterAll(async () => {
  await serve?.close();
  await lab?.engine.close();
});

/** Sums of each counter family in /metrics (the text exposition read line by line). */
async function counters(): Promise<Map<string, number>> {
  const text = await (await fetch(`${serve.base}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+_total)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m) continue;
    out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[3]));
    if (m[2]) out.set(`${m[1]}${m[2]}`, Number(m[3]));
  }
  return out;
}
const delta = (a: Map<string, number>, b: Map<string, number>, key: string) =>
  (b.get(key) ?? 0) - (a.get(key) ?? 0);

async function run(p: Partial<LoadPlanInput>) {
  const plan = loadPlanSchema.parse({
    host: '127.0.0.1',
    secret: 'testing123',
    users: ['alice'],
    password: 'alice-pass',
    concurrency: 8,
    duration: 30,
    workers: 2,
    ...p,
  });
  const r = new LoadRun(plan, { dictionary: bundledDictionary().dictionary });
  await r.start();
  return { summary: await r.done, ticks: r.ticks };
}

describe('load runner', () => {
  it('RADIUS PAP with wrong passwords: the server counted every request the runner counted', async () => {
    const before = await counters();
    const { summary, ticks } = await run({
      protocol: 'radius',
      op: 'auth',
      port: lab.port('radius-auth'),
      count: 2000,
      wrongPasswordRatio: 0.25,
    });
    const after = await counters();
    expect(summary).toMatchObject({ total: 2000, ok: 2000, errorCount: 0, stoppedBy: 'count' });
    expect(delta(before, after, 'radius_auth_requests_total')).toBe(2000);
    // The wrong-password share is spread over the pool, so a short run sees about a quarter.
    expect(summary.expectedRejects).toBeGreaterThan(300);
    expect(summary.expectedRejects).toBeLessThan(700);
    expect(delta(before, after, 'radius_auth_requests_total{status="reject"}')).toBe(summary.expectedRejects);
    expect(ticks.reduce((n, t) => n + t.ok, 0)).toBe(2000);
    expect(ticksCsv(ticks).split('\n')[0]).toMatch(/^second,sent,ok,errors,timeout,/);
  });

  it('TACACS+ ASCII over new connections and CHAP single-connect: equal to tacacs_auth_requests_total', async () => {
    for (const p of [
      { method: 'ascii', connection: 'new', count: 300 },
      { method: 'ascii', connection: 'single', count: 600, wrongPasswordRatio: 0.2 },
      { method: 'chap', connection: 'single', count: 1000 },
    ] as const) {
      const before = await counters();
      const { summary } = await run({
        protocol: 'tacacs',
        op: 'authenticate',
        port: lab.port('tacacs'),
        ...p,
      });
      const after = await counters();
      expect(summary).toMatchObject({ total: p.count, ok: p.count, errorCount: 0 });
      if ('wrongPasswordRatio' in p) expect(summary.expectedRejects).toBeGreaterThan(0);
      expect(delta(before, after, 'tacacs_auth_requests_total')).toBe(p.count);
    }
  });

  it('TACACS+ accounting and RADIUS accounting counts match the server', async () => {
    let before = await counters();
    const t = await run({ protocol: 'tacacs', op: 'account', port: lab.port('tacacs'), count: 500 });
    let after = await counters();
    expect(t.summary).toMatchObject({ total: 500, ok: 500 });
    expect(delta(before, after, 'tacacs_acct_records_total')).toBe(500);
    before = after;
    const r = await run({ protocol: 'radius', op: 'acct', port: lab.port('radius-acct'), count: 800 });
    after = await counters();
    expect(r.summary).toMatchObject({ total: 800, ok: 800 });
    expect(delta(before, after, 'radius_acct_requests_total')).toBe(800);
  });

  it('stops on request with a summary, counts timeouts, and refuses a remote target without confirmation', async () => {
    const plan = loadPlanSchema.parse({
      protocol: 'radius',
      op: 'auth',
      host: '127.0.0.1',
      port: lab.port('radius-auth'),
      secret: 'wrong-secret',
      users: ['alice'],
      timeout: 0.2,
      duration: 30,
      workers: 1,
    });
    const r = new LoadRun(plan, { dictionary: bundledDictionary().dictionary });
    await r.start();
    setTimeout(() => r.stop(), 600);
    const s = await r.done;
    expect(s.stoppedBy).toBe('stop');
    expect(s.seconds).toBeLessThan(5);
    expect(s.errors.timeout).toBeGreaterThan(0);
    expect(
      () => new LoadRun({ ...plan, host: '192.0.2.1' }, { dictionary: bundledDictionary().dictionary }),
    ).toThrow(/not a loopback address/);
    await expect(callProcedure(lab.engine, 'load.start', { ...plan, host: '192.0.2.1' })).rejects.toThrow(
      /confirm/,
    );
  });

  it('the CLI prints the summary as its last line, and refuses bad usage with exit 2', async () => {
    const lines: string[] = [];
    const errs: string[] = [];
    const io: CliIo = { out: (l) => lines.push(l), err: (l) => errs.push(l), exit: () => {} };
    const base = {
      host: '127.0.0.1',
      user: ['alice'],
      type: 'pap',
      rate: '0',
      concurrency: '4',
      rampUp: '0',
      timeout: '2',
      wrongPasswords: '0',
    };
    const code = await loadRun(
      'radius',
      {
        ...base,
        port: String(lab.port('radius-auth')),
        secret: 'testing123',
        password: 'alice-pass',
        count: '200',
        workers: '1',
      },
      io,
    );
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(
      /^radius auth 127\.0\.0\.1:\d+: 200 requests in .* req\/s, p50 .* p99 .*, 0 errors$/,
    );
    expect(await loadRun('radius', { ...base, secret: 's', user: [] }, io)).toBe(2);
    expect(errs.at(-1)).toMatch(/--user/);
    expect(await loadRun('radius', { ...base, host: '192.0.2.1', secret: 's' }, io)).toBe(2);
    expect(errs.at(-1)).toMatch(/--yes/);
  });
});

describe('load procedures', () => {
  it('load.start, load.stop and load.status through the contract, with load.ticked and load.finished events', async () => {
    const finished: string[] = [];
    const off = lab.engine.events.on('load.finished', (e) => finished.push(e.summary.stoppedBy));
    const { id } = await callProcedure(lab.engine, 'load.start', {
      protocol: 'radius',
      op: 'auth',
      host: '127.0.0.1',
      port: lab.port('radius-auth'),
      secret: 'testing123',
      users: ['alice'],
      password: 'alice-pass',
      concurrency: 4,
      duration: 60,
      workers: 1,
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await callProcedure(lab.engine, 'load.stop', {})).toEqual({ stopped: true });
    for (let i = 0; i < 50 && !finished.length; i++) await new Promise((r) => setTimeout(r, 100));
    off();
    expect(finished).toEqual(['stop']);
    const status = await callProcedure(lab.engine, 'load.status', {});
    expect(status).toMatchObject({ id, running: false, summary: { stoppedBy: 'stop', errorCount: 0 } });
  });

  it('closing the engine ends a running load run (it does not outlive the lab)', async () => {
    const own = await startTestEngine({ ports: 'ephemeral' });
    const finished: string[] = [];
    own.engine.events.on('load.finished', (e) => finished.push(e.summary.stoppedBy));
    await callProcedure(own.engine, 'load.start', {
      protocol: 'radius',
      op: 'auth',
      host: '127.0.0.1',
      port: own.port('radius-auth'),
      secret: 'testing123',
      users: ['alice'],
      password: 'alice-pass',
      concurrency: 4,
      duration: 60,
      workers: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    await own.engine.close();
    for (let i = 0; i < 50 && !finished.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(finished).toEqual(['stop']);
  });
});
