import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, startTestServe, type TestServe } from '../../../test/support/engine';
import { parseExposition } from '../../../test/support/prom-text';
import { sampleTrace } from '../../../test/support/trace-samples';
import { parseCsv } from '../export/csv';
import type { Engine } from '../lab';
import type { AccountingInput } from '../store/types';
import { apiRoutes } from './api-routes';

const API_TOKEN = 'lab-api-token-0123456789'; // the fixture's web.apiToken
let engine: Engine;
let host: TestServe;
let config: string;
let base: string;

const bearer = { authorization: `Bearer ${API_TOKEN}` };
const get = (path: string, headers: Record<string, string> = bearer) => fetch(`${base}${path}`, { headers });
const post = (path: string, headers: Record<string, string> = bearer) =>
  fetch(`${base}${path}`, { method: 'POST', headers });

function record(i: number): AccountingInput {
  return {
    protocol: Math.floor(i / 3) % 2 ? 'radius' : 'tacacs',
    time: 1_700_000_000_000 + i * 1000,
    device: i % 2 ? 'lab-loopback' : 'lab-alt',
    nasAddress: '127.0.0.1',
    username: i % 5 === 0 ? 'bob' : 'alice',
    sessionId: `task-${Math.floor(i / 3)}`,
    status: (['start', 'watchdog', 'stop'] as const)[i % 3]!,
    command: i % 3 === 0 ? undefined : `show run, "quoted" =cmd ${i}`,
    nasPort: `tty${i % 7}`,
    remoteAddress: '10.0.0.9',
    attributes: { task_id: String(i), service: 'shell', 'cmd-arg': [`a${i}`, 'b'] },
  };
}

beforeAll(async () => {
  ({ engine, config } = await startTestEngine({ factories: [] }));
  host = await startTestServe(engine);
  base = host.base;
  for (let i = 1; i <= 10_000; i++) engine.accounting.insert(record(i));
  for (const t of sampleTrace('testing123', 2)) engine.trace.append(t);
});

afterAll(async () => {
  await host?.close();
  await engine?.close();
});

describe('REST API auth', () => {
  it('refuses every authenticated route without credentials, with a wrong token and with a wrong UI token', async () => {
    const authed = apiRoutes.filter((r) => r.auth);
    expect(authed.length).toBeGreaterThanOrEqual(8);
    for (const r of authed) {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Bearer wrong' },
        { 'x-aaa-lab-token': 'wrong' },
        { authorization: `Basic ${API_TOKEN}` },
      ]) {
        const res = await fetch(`${base}${r.path}`, { method: r.method, headers });
        expect(res.status, `${r.method} ${r.path} ${JSON.stringify(headers)}`).toBe(401);
        const body = (await res.json()) as { ok: boolean; error: { code: string } };
        expect(body.error.code).toBe('unauthorized');
      }
    }
  });

  it('accepts the lab API token as a Bearer token and the per-run UI token', async () => {
    expect((await get('/api/status')).status).toBe(200);
    expect((await get('/api/status', { 'x-aaa-lab-token': host.token })).status).toBe(200);
  });

  it('serves health, metrics and the OpenAPI document without credentials', async () => {
    for (const r of apiRoutes.filter((x) => !x.auth))
      expect((await get(r.path, {})).status, r.path).toBe(200);
  });

  it('answers 404 for unknown API paths and 405 for a wrong method', async () => {
    expect((await get('/api/nope')).status).toBe(404);
    const res = await post('/api/status');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('REST API endpoints', () => {
  it('GET /api/status and /api/backends describe the lab', async () => {
    const status = (await (await get('/api/status')).json()) as {
      state: string;
      devices: Array<{ name: string }>;
    };
    expect(status.state).toBe('running');
    expect(status.devices.map((d) => d.name)).toEqual(['lab-loopback', 'lab-alt']);
    const b = (await (await get('/api/backends')).json()) as {
      backends: Array<{ name: string; type: string }>;
    };
    expect(b.backends.some((x) => x.type === 'local')).toBe(true);
  });

  it('GET /api/stats returns the registry counters; POST /api/admin/reset-stats zeroes them', async () => {
    engine.metrics.radiusAuth.inc({ status: 'accept' }, 3);
    engine.trace.flush(); // trace records are counted per flushed batch
    type Stats = {
      metrics: Array<{ name: string; values: Array<{ value: number; labels: Record<string, string> }> }>;
    };
    const before = (await (await get('/api/stats')).json()) as Stats;
    const radius = before.metrics.find((m) => m.name === 'radius_auth_requests_total');
    expect(radius?.values.find((v) => v.labels.status === 'accept')?.value).toBe(3);
    expect(
      before.metrics
        .find((m) => m.name === 'aaa_lab_trace_records_total')
        ?.values.reduce((n, v) => n + v.value, 0),
    ).toBe(engine.trace.list({}).total);
    expect((await post('/api/admin/reset-stats')).status).toBe(200);
    const after = (await (await get('/api/stats')).json()) as Stats;
    expect(
      after.metrics.find((m) => m.name === 'radius_auth_requests_total')?.values.every((v) => v.value === 0),
    ).toBe(true);
  });

  it('GET /api/sessions lists accounting sessions, open and stopped', async () => {
    const all = (await (await get('/api/sessions?state=all&limit=10000')).json()) as {
      accounting: Array<{ sessionId: string; stoppedAt?: number; records: number }>;
      connections: unknown[];
    };
    // Records 3k, 3k+1, 3k+2 are start, watchdog, stop of task-k; task-3333 has only start (9999) and watchdog (10000).
    expect(all.accounting).toHaveLength(3334);
    expect(all.accounting.filter((s) => s.stoppedAt === undefined).map((s) => s.sessionId)).toEqual([
      'task-3333',
    ]);
    expect(all.accounting.find((s) => s.sessionId === 'task-5')?.records).toBe(3);
    expect(all.connections).toEqual([]);
    const open = (await (await get('/api/sessions?state=open')).json()) as {
      accounting: Array<{ sessionId: string; records: number }>;
    };
    expect(open.accounting).toEqual([expect.objectContaining({ sessionId: 'task-3333', records: 2 })]);
    expect((await get('/api/sessions?limit=0')).status).toBe(400);
  });

  it('GET /api/accounting pages with filters and cursors', async () => {
    type Page = { records: Array<{ id: number; username: string }>; total: number; nextCursor?: number };
    const first = (await (await get('/api/accounting?user=bob&limit=700')).json()) as Page;
    expect(first.total).toBe(2000);
    expect(first.records).toHaveLength(700);
    expect(first.records.every((r) => r.username === 'bob')).toBe(true);
    const ids = new Set(first.records.map((r) => r.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await (await get(`/api/accounting?user=bob&limit=700&cursor=${cursor}`)).json()) as Page;
      for (const r of page.records) ids.add(r.id);
      cursor = page.nextCursor;
    }
    expect(ids.size).toBe(2000);
    const ranged = (await (
      await get(
        `/api/accounting?from=${new Date(1_700_000_000_000 + 101_000).toISOString()}&to=${1_700_000_000_000 + 200_000}&limit=5000`,
      )
    ).json()) as Page;
    expect(ranged.total).toBe(100);
    expect((await get('/api/accounting?from=yesterday')).status).toBe(400);
  });

  it('GET /api/accounting?format=csv|ndjson|json|tacplus streams all 10,000 records with equal fields', async () => {
    const stored = engine.accounting.query({ limit: 10_000 }).reverse();
    const ndjson = await (await get('/api/accounting?format=ndjson')).text();
    const fromNdjson = ndjson
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(fromNdjson).toEqual(stored);

    const json = (await (await get('/api/accounting?format=json')).json()) as unknown[];
    expect(json).toEqual(stored);

    const res = await get('/api/accounting?format=csv');
    expect(res.headers.get('x-total-count')).toBe('10000');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="aaa-lab-accounting-.*\.csv"/,
    );
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([
      'id',
      'time',
      'timeMs',
      'protocol',
      'device',
      'nasAddress',
      'username',
      'sessionId',
      'status',
      'command',
      'nasPort',
      'remoteAddress',
      'attributes',
    ]);
    expect(rows).toHaveLength(10_001);
    rows.slice(1).forEach((r, i) => {
      const s = stored[i]!;
      expect([
        Number(r[0]),
        Number(r[2]),
        r[3],
        r[4],
        r[6],
        r[7],
        r[8],
        r[9] || undefined,
        JSON.parse(r[12]!),
      ]).toEqual([
        s.id,
        s.time,
        s.protocol,
        s.device,
        s.username,
        s.sessionId,
        s.status,
        s.command,
        s.attributes,
      ]);
    });

    const tac = (await (await get('/api/accounting?format=tacplus&protocol=tacacs')).text())
      .trimEnd()
      .split('\n');
    const tacStored = stored.filter((s) => s.protocol === 'tacacs');
    expect(tac).toHaveLength(tacStored.length);
    const f = tac[0]!.split('\t');
    expect(f.slice(1, 6)).toEqual([
      '127.0.0.1',
      tacStored[0]!.username,
      tacStored[0]!.nasPort,
      '10.0.0.9',
      tacStored[0]!.status === 'watchdog' ? 'update' : tacStored[0]!.status,
    ]);
    expect(f.slice(6)).toEqual([
      `task_id=${tacStored[0]!.attributes.task_id}`,
      'service=shell',
      `cmd-arg=a${tacStored[0]!.attributes.task_id}`,
      'cmd-arg=b',
    ]);
  });

  it('GET /api/trace pages rows and exports pcap, csv and ndjson', async () => {
    const total = engine.trace.list({}).total;
    const page = (await (await get('/api/trace?protocol=radius,coa&limit=3')).json()) as {
      rows: Array<{ protocol: string }>;
      total: number;
    };
    expect(page.rows).toHaveLength(3);
    expect(page.rows.every((r) => r.protocol === 'radius' || r.protocol === 'coa')).toBe(true);
    const pcap = Buffer.from(await (await get('/api/trace?format=pcap')).arrayBuffer());
    expect(pcap.readUInt32LE(0)).toBe(0xa1b2c3d4);
    const ndjson = (await (await get('/api/trace?format=ndjson')).text()).trimEnd().split('\n');
    expect(ndjson).toHaveLength(total);
    expect(Object.keys(JSON.parse(ndjson[0]!) as object)).not.toContain('bytes');
    const csv = parseCsv(await (await get('/api/trace?format=csv&protocol=tacacs')).text());
    expect(csv.length - 1).toBe(engine.trace.list({ protocol: ['tacacs'] }).total);
    expect((await get('/api/trace?format=xml')).status).toBe(400);
  });

  it('POST /api/admin/reload-config re-reads the lab file, and keeps the running lab on errors', async () => {
    const source = readFileSync(config, 'utf8');
    writeFileSync(config, source.replace('name: lab-alt', 'name: lab-alt-renamed'));
    const ok = await post('/api/admin/reload-config');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { devices: Array<{ name: string }> }).devices.map((d) => d.name)).toContain(
      'lab-alt-renamed',
    );
    writeFileSync(config, source.replace('privLvl: 15', 'privLvl: fifteen'));
    const bad = await post('/api/admin/reload-config');
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid_config');
    expect(body.error.issues.some((i) => i.path.includes('privLvl'))).toBe(true);
    expect(engine.lab.config.devices.map((d) => d.name)).toContain('lab-alt-renamed');
    writeFileSync(config, source);
  });
});

describe('/metrics and OpenAPI', () => {
  it('/metrics is valid Prometheus text exposition with the lab metric families', async () => {
    engine.metrics.tacacsDuration.observe({ kind: 'authen' }, 0.003);
    engine.metrics.tacacsAuth.inc({ status: 'pass', type: 'pap' });
    const res = await get('/metrics', {});
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parseExposition(await res.text());
    for (const name of [
      'tacacs_auth_requests_total',
      'tacacs_active_connections',
      'tacacs_server_uptime_seconds',
      'tacacs_request_duration_seconds',
      'radius_auth_requests_total',
      'aaa_lab_trace_records_total',
      'process_cpu_user_seconds_total',
    ]) {
      expect(families.has(name), name).toBe(true);
    }
    expect(families.get('tacacs_request_duration_seconds')?.type).toBe('histogram');
    expect(
      families.get('tacacs_auth_requests_total')?.samples.find((s) => s.labels.status === 'pass')?.value,
    ).toBe(1);
  });

  it('the parser is strict: it rejects what Prometheus would refuse', () => {
    expect(() => parseExposition('x 1\n')).toThrow(/without a TYPE/);
    expect(() => parseExposition('# TYPE x counter\nx{a="1} 1\n')).toThrow();
    expect(() => parseExposition('# TYPE x counter\nx 1\nx 2\n')).toThrow(/duplicate/);
    expect(() => parseExposition('# TYPE x gauge\nx one\n')).toThrow(/bad value/);
    expect(() =>
      parseExposition('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'),
    ).toThrow(/cumulative/);
    expect(() => parseExposition('# TYPE x counter\n# TYPE y counter\nx 1\ny 1\nx{a="b"} 1\n')).toThrow(
      /contiguous/,
    );
  });

  it('/api/openapi.json is OpenAPI 3.1 and documents every route', async () => {
    const doc = (await (await get('/api/openapi.json', {})).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of apiRoutes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op?.security === undefined, r.path).toBe(r.auth);
    }
  });
});
