import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src/contract/dispatch';
import { dispatch } from '../../src/contract/dispatch';
import type { Envelope } from '../../src/contract/envelope';
import type { EventPayload } from '../../src/contract/events';
import type { ProcedureName, ProcedureOutput } from '../../src/contract/procedures';
import { ACCOUNTING_CSV_COLUMNS } from '../../src/engine/export/accounting-export';
import { parseCsv } from '../../src/engine/export/csv';
import { exportHandlers } from '../../src/engine/export/procedures';
import { TRACE_CSV_COLUMNS } from '../../src/engine/export/trace-export';
import type { Engine } from '../../src/engine/lab';
import { requirePeer } from '../peers/require-peer';
import { startTestEngine } from '../support/engine';

const tshark = requirePeer('tshark', 'tshark');

/**
 * trace.export and accounting.export through the contract dispatcher, over traffic the lab's own
 * Test client sends to the fixture lab's listeners (on ephemeral ports). The pcap is read back by
 * tshark with the command line the export suggests, its placeholders filled with the secret.
 */
let engine: Engine;
const ports: Record<string, number> = {};

beforeAll(async () => {
  ({ engine } = await startTestEngine({ ports: 'ephemeral' }));
  for (const l of engine.status().services.flatMap((s) => s.listeners)) ports[l.service] ??= l.port;

  const tac = { host: '127.0.0.1', port: ports.tacacs, secret: 'testing123' };
  const rad = { host: '127.0.0.1', port: ports['radius-auth'], secret: 'testing123' };
  const sent = [
    await call('client.tacacs', {
      ...tac,
      op: 'authenticate',
      type: 'pap',
      user: 'alice',
      password: 'alice-pass',
    }),
    await call('client.tacacs', { ...tac, op: 'authorize', user: 'bob', args: ['show version'] }),
    await call('client.tacacs', {
      ...tac,
      op: 'account',
      user: 'alice',
      acctFlags: 'start',
      args: ['show clock'],
    }),
    await call('client.radius', { ...rad, code: 'auth', user: 'alice', password: 'alice-pass' }),
    await call('client.radius', {
      ...rad,
      port: ports['radius-acct'],
      code: 'acct',
      user: 'carol',
      attributes: 'Acct-Status-Type = Start\nAcct-Session-Id = "exp-1"',
    }),
  ];
  expect(sent.map((r) => r.pass)).toEqual([true, true, true, true, true]);
  engine.trace.flush();
});

afterAll(async () => {
  await engine?.close();
});

async function call<K extends ProcedureName>(
  name: K,
  input: unknown,
  handlers: Handlers = engine.handlers,
): Promise<ProcedureOutput<K>> {
  const env = (await dispatch(handlers, name, input, (_n, e) => {
    throw e;
  })) as Envelope<ProcedureOutput<K>>;
  if (!env.ok) throw new Error(`${name}: ${env.error.code} ${env.error.message}`);
  return env.value;
}

const file = (out: { base64: string }) => Buffer.from(out.base64, 'base64');

describe.skipIf(!tshark)('trace.export pcap', () => {
  it('every record decodes in tshark with the suggested command line, which never holds the secret', async () => {
    const out = await call('trace.export', { format: 'pcap' });
    // The Test client talked to this lab: each packet is traced twice, and written once.
    const server = engine.trace.list({ role: ['server'], limit: 1 }).total;
    expect(engine.trace.list({ role: ['client'], limit: 1 }).total).toBe(server);
    expect(out.records).toBe(server);
    expect(out.records).toBeGreaterThanOrEqual(10);
    expect(out).toMatchObject({ mime: 'application/vnd.tcpdump.pcap' });
    expect(out.filename).toMatch(/^aaa-lab-trace-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.pcap$/);
    const bytes = file(out);
    expect(out.bytes).toBe(bytes.length);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);

    const hint = out.tshark!;
    expect(hint).not.toContain('testing123');
    expect(hint).toContain(`-d tcp.port==${ports.tacacs},tacplus`);
    expect(hint).toContain(`-d udp.port==${ports['radius-auth']},radius`);
    expect(hint).toContain(`-d udp.port==${ports['radius-acct']},radius`);
    expect(hint).toContain("'tacplus.key:<secret of device lab-loopback>'");

    const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-export-pcap-'));
    writeFileSync(join(dir, out.filename), bytes);
    const args = shellWords(hint.replaceAll('<secret of device lab-loopback>', 'testing123')).slice(1);
    const fields = ['frame.protocols', 'tacplus.user', 'radius.code', '_ws.malformed', '_ws.expert.severity'];
    const lines = execFileSync(
      tshark!,
      [...args, '-T', 'fields', '-E', 'separator=|', ...fields.flatMap((f) => ['-e', f])],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    )
      .trimEnd()
      .split('\n');
    const app = lines.filter((l) => /:(tacplus|radius)\|/.test(l));
    expect(app).toHaveLength(out.records);
    for (const l of lines) expect(l).not.toMatch(/malformed|_ws\.short/);
    // With the key the TACACS+ bodies decrypt: the requests name their user.
    const tacUsers = app.filter((l) => l.includes(':tacplus|')).map((l) => l.split('|')[1]);
    expect(tacUsers).toEqual(expect.arrayContaining(['alice', 'bob']));
    // Each TACACS+ START (authentication, then the accounting request) is seen once.
    expect(tacUsers.filter((u) => u === 'alice')).toHaveLength(2);
    const radiusCodes = new Set(app.map((l) => l.split('|')[2]).filter(Boolean));
    expect([...radiusCodes].sort()).toEqual(['1', '2', '4', '5']);
  });

  it('exports only the filtered records, or the selected ids among them', async () => {
    const radius = await call('trace.export', { format: 'pcap', filter: { protocol: ['radius'] } });
    expect(radius.records).toBe(
      engine.trace.list({ protocol: ['radius'], role: ['server'], limit: 1 }).total,
    );
    expect(radius.tshark).not.toContain('tacplus');
    const rows = engine.trace.list({ limit: 5000 }).rows;
    const ids = rows
      .filter((r) => r.protocol === 'tacacs')
      .slice(0, 2)
      .map((r) => r.id);
    const two = await call('trace.export', { format: 'json', ids });
    expect((JSON.parse(file(two).toString()) as { id: number }[]).map((r) => r.id)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    const none = await call('trace.export', { format: 'json', ids, filter: { protocol: ['coa'] } });
    expect(none.records).toBe(0);
  });
});

describe('trace.export CSV and JSON', () => {
  it('CSV has the REST columns, one row per record oldest first; JSON rows equal trace.list rows', async () => {
    const rows = engine.trace.list({ limit: 5000 }).rows.reverse();
    const csv = await call('trace.export', { format: 'csv' });
    expect(csv.mime).toMatch(/^text\/csv/);
    const [head, ...body] = parseCsv(file(csv).toString('utf8'));
    expect(head).toEqual([...TRACE_CSV_COLUMNS]);
    expect(body).toHaveLength(rows.length);
    const col = (name: string) => TRACE_CSV_COLUMNS.indexOf(name);
    expect(body.map((r) => Number(r[col('id')]))).toEqual(rows.map((r) => r.id));
    const alice = body.find((r) => r[col('user')] === 'alice' && r[col('protocol')] === 'tacacs');
    expect(alice?.[col('remote')]).toMatch(/^127\.0\.0\.1:\d+$/);

    const json = await call('trace.export', { format: 'json' });
    expect(JSON.parse(file(json).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(rows)));
    const nd = await call('trace.export', { format: 'ndjson' });
    expect(file(nd).toString('utf8').trimEnd().split('\n')).toHaveLength(rows.length);
    expect(file(json).toString()).not.toContain('testing123');
  });
});

describe('accounting.export', () => {
  it('writes every matching record in each format', async () => {
    const total = engine.accounting.count({});
    expect(total).toBe(2); // the TACACS+ start and the RADIUS start
    const csv = await call('accounting.export', { format: 'csv' });
    const [head, ...body] = parseCsv(file(csv).toString());
    expect(head).toEqual([...ACCOUNTING_CSV_COLUMNS]);
    expect(body.map((r) => r[ACCOUNTING_CSV_COLUMNS.indexOf('username')]).sort()).toEqual(['alice', 'carol']);
    expect(csv.filename).toMatch(/^aaa-lab-accounting-.*\.csv$/);

    const json = await call('accounting.export', { format: 'json', filter: { protocol: 'radius' } });
    const recs = JSON.parse(file(json).toString()) as { username: string; sessionId: string }[];
    expect(recs).toMatchObject([{ username: 'carol', sessionId: 'exp-1' }]);
    expect(json.records).toBe(1);

    const tac = await call('accounting.export', { format: 'tacplus', filter: { user: 'alice' } });
    expect(tac.filename).toMatch(/\.acct$/);
    expect(file(tac).toString()).toMatch(
      /^\w{3} [ \d]\d \d\d:\d\d:\d\d\t127\.0\.0\.1\talice\t.*\tstart\t.*cmd=show\tcmd-arg=clock/,
    );
    const nd = await call('accounting.export', { format: 'ndjson', filter: { user: 'nobody' } });
    expect(nd).toMatchObject({ records: 0, bytes: 0 });
  });
});

describe('limits and progress', () => {
  it('refuses an export over the record or byte cap with invalid_input that points at the REST API', async () => {
    const small = (limits: { bytes: number; records: number }) => ({
      ...engine.handlers,
      ...exportHandlers(engine, limits),
    });
    for (const [limits, name, re] of [
      [{ bytes: 1e9, records: 3 }, 'trace.export', /more than the 3 .*GET \/api\/trace/],
      [{ bytes: 200, records: 1e6 }, 'trace.export', /larger than 0 MiB.*GET \/api\/trace/],
      [{ bytes: 1e9, records: 1 }, 'accounting.export', /narrow the filter.*GET \/api\/accounting/],
    ] as const) {
      const env = await dispatch(small(limits), name, { format: 'csv' });
      expect(env.ok === false && env.error.code).toBe('invalid_input');
      expect(env.ok === false && env.error.message).toMatch(re);
    }
  });

  it('emits export.progressed every 10,000 records of a large export', async () => {
    const at = { address: '127.0.0.1', port: 9 };
    for (let i = 0; i < 25_000; i++)
      engine.trace.append({
        protocol: 'radius',
        direction: 'in',
        transport: 'udp',
        role: 'server',
        local: at,
        remote: at,
        summary: `bulk ${i}`,
        bytes: new Uint8Array(20),
      });
    const seen: EventPayload<'export.progressed'>[] = [];
    const off = engine.events.on('export.progressed', (p) => seen.push(p));
    const out = await call('trace.export', { format: 'csv', filter: { text: 'bulk' }, progressId: 'p1' });
    off();
    expect(out.records).toBe(25_000);
    expect(seen.map((p) => p.id)).toEqual(['p1', 'p1', 'p1']);
    expect(seen.map((p) => p.total)).toEqual([25_000, 25_000, 25_000]);
    expect(seen.at(-1)?.done).toBe(25_000);
    expect(seen[0]!.done).toBeGreaterThanOrEqual(10_000);
    expect(seen[0]!.done).toBeLessThan(20_000);
  });
});

/** Splits a POSIX shell command line of plain and single-quoted words (what tsharkCommand writes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g))
    words.push(m[1] !== undefined ? m[1].replaceAll(`'\\''`, "'") : m[2]!);
  return words;
}
