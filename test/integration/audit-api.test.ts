import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { callProcedure, startTestEngine, startTestServe, type TestServe } from '../support/engine';

/** GET /api/audit over what a lab's day leaves: sign-ins, failures, a lab change, a reset, an export. */
const TOKEN = 'lab-api-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
let engine: Engine;
let host: TestServe;

beforeAll(async () => {
  ({ engine } = await startTestEngine({ factories: [] }));
  host = await startTestServe(engine);
  // A failed sign-in (wrong password) and a good one.
  const form = await fetch(`${host.base}/admin/login`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
  for (const password of ['wrong', 'admin-pass'])
    await fetch(`${host.base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ username: 'admin', password, csrf }).toString(),
    });
  const source = engine.lab.source.replace('radiusSecret: testing123', 'radiusSecret: changed-secret-1');
  await callProcedure(engine, 'config.apply', { source, save: false });
  await fetch(`${host.base}/api/admin/reset-stats`, { method: 'POST', headers: auth });
  await (await fetch(`${host.base}/api/trace?format=csv`, { headers: auth })).text();
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
});

const audit = async (q: string) => {
  const r = await fetch(`${host.base}/api/audit${q}`, { headers: auth });
  expect(r.status).toBe(200);
  return r;
};

describe('GET /api/audit', () => {
  it('lists sign-ins and failures, sessions, the lab change with a masked diff, the reset and the export', async () => {
    const { entries, total } = (await (await audit('')).json()) as {
      entries: { event: string; details: Record<string, unknown> }[];
      total: number;
    };
    const events = entries.map((e) => e.event);
    for (const e of [
      'admin.login.failed',
      'admin.session.created',
      'config.applied',
      'stats.reset',
      'export.trace',
    ])
      expect(events).toContain(e);
    expect(total).toBe(entries.length);
    const change = entries.find((e) => e.event === 'config.applied')!;
    expect(change.details.diff).toMatch(/^- .*radiusSecret: <hidden>\n\+ .*radiusSecret: <hidden>/m);
    expect(JSON.stringify(entries)).not.toMatch(/changed-secret-1|testing123|admin-pass/);
  });

  it('filters by event prefix and text, pages by cursor, and exports CSV', async () => {
    const cfg = (await (await audit('?event=config.')).json()) as { entries: { event: string }[] };
    expect(cfg.entries.map((e) => e.event)).toEqual(['config.applied']);
    const first = (await (await audit('?limit=1')).json()) as {
      entries: { id: number }[];
      nextCursor: number;
    };
    expect(first.entries).toHaveLength(1);
    const next = (await (await audit(`?limit=1&cursor=${first.nextCursor}`)).json()) as {
      entries: { id: number }[];
    };
    expect(next.entries[0]!.id).toBeLessThan(first.entries[0]!.id);
    const csv = await (await audit('?format=csv&event=admin.')).text();
    expect(csv.split('\r\n')[0]).toBe('id,time,event,actor,details');
    expect(csv).toContain('admin.login.failed');
    expect((await fetch(`${host.base}/api/audit?limit=0`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${host.base}/api/audit`)).status).toBe(401);
  });
});

describe('audit.list (the Audit screen)', () => {
  it('returns the same entries through the contract, filtered and paged', async () => {
    const r = await callProcedure(engine, 'audit.list', { event: ['admin.'], limit: 2 });
    expect(r.entries.length).toBe(2);
    expect(r.entries.every((e) => e.event.startsWith('admin.'))).toBe(true);
    expect(r.total).toBeGreaterThanOrEqual(2);
  });
});
