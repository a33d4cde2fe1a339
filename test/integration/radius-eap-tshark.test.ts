import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcapChunks } from '../../src/engine/trace/pcap';
import type { TraceRecord } from '../../src/engine/trace/trace-store';
import { eapolTest, runEapolTest } from '../peers/eapol-test';
import { requirePeer } from '../peers/require-peer';
import { startTestEngine, type TestEngine } from '../support/engine';

const tshark = requirePeer('tshark', 'tshark');

/**
 * tshark reads our EAP exchange from the lab's pcap export: every RADIUS packet of an eapol_test
 * EAP-GTC run carries an EAP packet it decodes (Identity, NAKs, GTC, Success), and records that
 * are not datagrams (inner messages, dropped-conversation events) are left out of the file.
 */
describe.skipIf(!eapolTest || !tshark)('tshark decodes our EAP exchanges', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  it('EAP-GTC alice: Access-Request/Challenge/Accept with the EAP inside each', async () => {
    const port = t.port('radius-auth');
    const run = await runEapolTest(
      { eap: 'GTC', identity: 'alice', password: 'alice-pass' },
      { port, noKeys: true },
    );
    expect(run.success, run.out).toBe(true);
    const rows = t.engine.trace.list({ protocol: ['radius'], limit: 5000 }).rows.reverse();
    const records = rows.map((r) => t.engine.trace.get(r.id)).filter((r): r is TraceRecord => !!r);
    const file = join(mkdtempSync(join(tmpdir(), 'aaa-lab-eap-pcap-')), 'eap.pcap');
    writeFileSync(file, Buffer.concat([...pcapChunks(records)]));
    const out = execFileSync(
      tshark!,
      [
        '-r',
        file,
        '-d',
        `udp.port==${port},radius`,
        '-o',
        'radius.shared_secret:testing123',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-e',
        'radius.code',
        '-e',
        'eap.code',
        '-e',
        'eap.type',
      ],
      { encoding: 'utf8' },
    );
    const lines = out
      .trim()
      .split('\n')
      .map((l) => l.split('|'));
    expect(lines.length).toBe(rows.length);
    for (const [radius, eap] of lines) {
      expect(radius).toMatch(/^(1|2|11)$/);
      expect(eap).toMatch(/^[1-4]$/);
    }
    expect(lines.at(-1)).toEqual(['2', '3', '']);
    expect(lines.some(([, code, type]) => code === '2' && type === '6')).toBe(true);
  });
});
