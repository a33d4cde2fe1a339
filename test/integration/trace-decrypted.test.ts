import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureName } from '../../src/contract/procedures';
import type { FieldNodeDto, TraceRecordDto } from '../../src/contract/trace';
import { callProcedure, startTestEngine } from '../support/engine';

/**
 * trace.get's decrypted byte view against the fixture lab's own listeners, driven by the Test client:
 * the TACACS+ body de-obfuscated and the RADIUS User-Password decrypted, at the offsets the field
 * tree gives, secrets masked unless trace.showSecrets; a wrong secret gives no view, the diagnosis.
 */
async function lab(showSecrets: boolean) {
  const { engine } = await startTestEngine({
    ports: 'ephemeral',
    edit: (t) => (showSecrets ? `${t}\ntrace:\n  showSecrets: true\n` : t),
  });
  const ports: Record<string, number> = {};
  for (const l of engine.status().services.flatMap((s) => s.listeners)) ports[l.service] ??= l.port;
  const call = <K extends ProcedureName>(name: K, input: unknown) => callProcedure(engine, name, input);
  /** alice's PAP login from the Test client to the lab's own listener, with `secret`. */
  const tacacsPap = (secret: string) =>
    call('client.tacacs', {
      host: '127.0.0.1',
      port: ports.tacacs,
      secret,
      op: 'authenticate',
      type: 'pap',
      user: 'alice',
      password: 'alice-pass',
    });
  const radiusPap = (secret: string, timeoutMs?: number) =>
    call('client.radius', {
      code: 'auth',
      host: '127.0.0.1',
      port: ports['radius-auth'],
      secret,
      user: 'alice',
      password: 'alice-pass',
      timeoutMs,
    });
  return { engine, ports, call, tacacsPap, radiusPap };
}

const find = (ns: readonly FieldNodeDto[], label: RegExp): FieldNodeDto | undefined => {
  for (const n of ns) {
    if (label.test(n.label)) return n;
    const hit = find(n.children ?? [], label);
    if (hit) return hit;
  }
  return undefined;
};
const slice = (hex: string, n: FieldNodeDto, skip = 0) =>
  Buffer.from(hex, 'hex').subarray(n.offset + skip, n.offset + n.length);

describe('trace.get decrypted view, secrets masked (default)', () => {
  let t: Awaited<ReturnType<typeof lab>>;
  beforeAll(async () => void (t = await lab(false)));
  afterAll(() => t.engine.close());

  /** The server's record of the first packet the Test client sent, through trace.get. */
  async function serverRecord(labTraceId: number | undefined): Promise<TraceRecordDto> {
    return t.call('trace.get', { id: labTraceId! });
  }

  it('TACACS+: the de-obfuscated body at the tree offsets, the PAP password masked', async () => {
    const r = await t.tacacsPap('testing123');
    expect(r.status).toBe('PASS');
    const rec = await serverRecord(r.exchange[0]!.labTraceId);
    expect(rec.role).toBe('server');
    const d = rec.decrypted!;
    expect(d.title).toBe('Decrypted TACACS+');
    expect(d.note).toMatch(/tacacsSecret of device lab-loopback.*masked/);
    const user = find(rec.dissection, /^user$/)!;
    const data = find(rec.dissection, /^data$/)!;
    expect(slice(d.hex, user).toString()).toBe('alice');
    expect(slice(rec.hex, user).toString()).not.toBe('alice'); // the Frame tab is still obfuscated
    expect(d.masked).toEqual([{ offset: data.offset, length: data.length }]);
    expect(slice(d.hex, data)).toEqual(Buffer.alloc(10));
    expect(JSON.stringify(rec)).not.toContain(Buffer.from('alice-pass').toString('hex'));
    // The Test client's own copy names no device; the lab's record of the same packet does.
    const mine = await t.call('trace.get', { id: r.exchange[0]!.traceId! });
    expect(mine.role).toBe('client');
    expect(mine.decrypted?.hex).toBe(d.hex);
  });

  it('TACACS+ with a wrong secret: no decrypted view, and the diagnosis', async () => {
    const r = await t.tacacsPap('other-secret');
    expect(r.status).toBe('no-reply');
    const rec = await serverRecord(r.lab?.traceIds[0]);
    expect(rec.decrypted).toBeUndefined();
    expect(rec.diagnosis).toMatch(/lab-alt/);
  });

  it('RADIUS: User-Password decrypted where the tree says, masked as ••', async () => {
    const r = await t.radiusPap('testing123');
    expect(r.code).toBe('Access-Accept');
    const rec = await serverRecord(r.exchange[0]!.labTraceId);
    const d = rec.decrypted!;
    expect(d.title).toBe('Decrypted RADIUS');
    expect(d.note).toMatch(/^User-Password decrypted with the radiusSecret of device lab-loopback/);
    const pw = find(rec.dissection, /^User-Password/)!;
    expect(d.masked).toEqual([{ offset: pw.offset + 2, length: pw.length - 2 }]);
    expect(slice(d.hex, pw, 2)).toEqual(Buffer.alloc(16));
    // The reply has nothing hidden: no second tab.
    const reply = await serverRecord(r.exchange[1]!.labTraceId);
    expect(reply.decrypted).toBeUndefined();
  });

  it('RADIUS with a wrong secret: no decrypted view, and the diagnosis', async () => {
    const r = await t.radiusPap('other-secret', 300);
    expect(r.code).toBe('no-reply');
    const rec = await serverRecord(r.lab?.traceIds[0]);
    expect(rec.decrypted).toBeUndefined();
    expect(rec.diagnosis).toMatch(/lab-alt/);
  });
});

describe('trace.get decrypted view with trace.showSecrets', () => {
  let t: Awaited<ReturnType<typeof lab>>;
  beforeAll(async () => void (t = await lab(true)));
  afterAll(() => t.engine.close());

  it('shows the cleartext password in both protocols and masks nothing', async () => {
    const tac = await t.tacacsPap('testing123');
    const trec = await t.call('trace.get', { id: tac.exchange[0]!.labTraceId! });
    expect(trec.decrypted?.masked).toEqual([]);
    expect(slice(trec.decrypted!.hex, find(trec.dissection, /^data$/)!).toString()).toBe('alice-pass');
    const rad = await t.radiusPap('testing123');
    const rrec = await t.call('trace.get', { id: rad.exchange[0]!.labTraceId! });
    const pw = find(rrec.dissection, /^User-Password/)!;
    expect(rrec.decrypted?.note).toMatch(/trace.showSecrets is on/);
    expect(slice(rrec.decrypted!.hex, pw, 2).toString('latin1')).toBe('alice-pass\0\0\0\0\0\0');
  });
});
