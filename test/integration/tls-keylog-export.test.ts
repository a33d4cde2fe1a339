import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProcedure, startTestEngine, startTestServe, type TestEngine } from '../support/engine';
import { requirePeer } from '../peers/require-peer';

const tshark = requirePeer('tshark', 'tshark');
const ca = readFileSync('/work/shared/fixtures/tls/ca.pem', 'utf8');

/**
 * The TLS key log written beside a pcap export lets tshark decrypt our PEAP tunnels (checked by
 * experiment: Wireshark's EAP dissector reassembles the TLS and, given the key log, decodes the
 * inner EAP-MSCHAPv2; without it, nothing inside the tunnel).
 */
describe.skipIf(!tshark)('TLS key log beside a pcap export', () => {
  let t: TestEngine;
  let dir: string;
  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
    dir = mkdtempSync(join(tmpdir(), 'aaa-lab-keylog-'));
    for (const v of ['1.2', '1.3'] as const) {
      const r = await callProcedure(t.engine, 'client.eap', {
        ...{ host: '127.0.0.1', port: t.port('radius-auth'), secret: 'testing123', method: 'peap' },
        ...{ user: 'alice', password: 'alice-pass', ca, serverName: 'localhost', tlsMaxVersion: v },
      });
      expect(r.outcome).toBe('accept');
    }
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  /** Per frame: the EAP types (outer, inner) and the MS-CHAPv2 name tshark decoded. */
  function decode(pcap: string, keys?: string): string[] {
    const out = execFileSync(
      tshark!,
      [
        ...['-r', pcap, '-o', 'radius.shared_secret:testing123'],
        ...['-d', `udp.port==${t.port('radius-auth')},radius`],
        ...(keys ? ['-o', `tls.keylog_file:${keys}`] : []),
        ...['-T', 'fields', '-E', 'occurrence=a', '-e', 'eap.type', '-e', 'eap.ms_chap_v2.name'],
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out.trim().split('\n');
  }

  it('tshark decrypts the inner EAP-MSCHAPv2 of both tunnels (TLS 1.2 and 1.3) with it, and not without', async () => {
    const out = await callProcedure(t.engine, 'trace.export', { format: 'pcap', tlsKeyLog: true });
    expect(out.keyLog).toMatchObject({ filename: `${out.filename}.keys`, sessions: 2 });
    // TLS 1.2: CLIENT_RANDOM; TLS 1.3: the two handshake, two traffic secrets and the exporter secret.
    expect(out.keyLog!.lines).toBe(1 + 5);
    expect(out.tshark).toContain(`-o tls.keylog_file:${out.filename}.keys`);
    const pcap = join(dir, out.filename);
    const keys = join(dir, out.keyLog!.filename);
    writeFileSync(pcap, Buffer.from(out.base64, 'base64'));
    writeFileSync(keys, Buffer.from(out.keyLog!.base64, 'base64'));

    const decrypted = decode(pcap, keys);
    const responses = decrypted.filter((l) => l === '25,26\talice');
    expect(responses).toHaveLength(2); // one MS-CHAPv2 Response per tunnel, its Name decrypted
    expect(decode(pcap).some((l) => l.includes('26'))).toBe(false);
  });

  it('REST: GET /api/trace?format=tls-keylog gives the same lines as the pcap export beside it', async () => {
    const host = await startTestServe(t.engine);
    try {
      const auth = { authorization: 'Bearer lab-api-token-0123456789' };
      const res = await fetch(`${host.base}/api/trace?format=tls-keylog&role=server`, { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/\.pcap\.keys"$/);
      const text = await res.text();
      const out = await callProcedure(t.engine, 'trace.export', { format: 'pcap', tlsKeyLog: true });
      expect(text).toBe(Buffer.from(out.keyLog!.base64, 'base64').toString());
      expect(text.trim().split('\n')).toHaveLength(6);
    } finally {
      await host.close();
    }
  });

  it('is only written on request, and only the exported sessions; clearing the trace drops the keys', async () => {
    const plain = await callProcedure(t.engine, 'trace.export', { format: 'pcap' });
    expect(plain.keyLog).toBeUndefined();
    expect(plain.tshark).not.toContain('keylog');
    const csv = await callProcedure(t.engine, 'trace.export', { format: 'csv', tlsKeyLog: true });
    expect(csv.keyLog).toBeUndefined();
    // The first conversation's packets only: one session's line.
    const { rows } = await callProcedure(t.engine, 'trace.list', { role: ['server'], limit: 5000 });
    const firstAccept = rows.filter((r) => r.summary.startsWith('Access-Accept')).at(-1)!;
    const ids = rows.filter((r) => r.id <= firstAccept.id).map((r) => r.id);
    const some = await callProcedure(t.engine, 'trace.export', { format: 'pcap', tlsKeyLog: true, ids });
    expect(some.keyLog).toMatchObject({ sessions: 1, lines: 1 });
    const text = Buffer.from(some.keyLog!.base64, 'base64').toString();
    expect(text).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);

    await callProcedure(t.engine, 'trace.clear', {});
    expect(t.engine.trace.tlsKeys.size).toBe(0);
  });
});
