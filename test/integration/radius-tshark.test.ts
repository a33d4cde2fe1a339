import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { pcapChunks } from '../../src/engine/trace/pcap';
import { portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';

const tshark = requirePeer('tshark', 'tshark');

describe.skipIf(!tshark)('tshark decodes a run of our server with correct authenticators', () => {
  let ctx: TestContext;
  let server: RadiusServer;
  let auth = 0;
  let acct = 0;
  beforeAll(async () => {
    ctx = testContext();
    server = new RadiusServer(ctx);
    const l = await server.start();
    auth = portOf(l, 'radius-auth');
    acct = portOf(l, 'radius-acct');
  });
  afterAll(() => server.stop());

  it('every reply authenticator and accounting request authenticator is valid; User-Password decrypts', async () => {
    const a = new RadiusClient({ host: '127.0.0.1', port: auth, secret: 'testing123' });
    const b = new RadiusClient({ host: '127.0.0.1', port: acct, secret: 'testing123' });
    await a.authenticate('alice', 'alice-pass');
    await a.authenticate('alice', 'wrong');
    await a.authenticate('bob', 'bob-pass', 'chap');
    await a.status();
    await b.accounting('Start', [
      { name: 'User-Name', value: 'alice' },
      { name: 'Acct-Session-Id', value: 't-1' },
    ]);
    await a.close();
    await b.close();
    const t0 = Date.now() * 1000;
    const recs = ctx.traces.map((t, i) => ({ ...t, timeUs: t0 + i * 1000 }));
    const file = join(mkdtempSync(join(tmpdir(), 'radius-pcap-')), 'run.pcap');
    writeFileSync(file, Buffer.concat([...pcapChunks(recs)]));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        tshark!,
        [
          '-r',
          file,
          '-d',
          `udp.port==${auth},radius`,
          '-d',
          `udp.port==${acct},radius`,
          '-o',
          'radius.shared_secret:testing123',
          '-o',
          'radius.validate_authenticator:TRUE',
          '-T',
          'fields',
          '-E',
          'separator=|',
          '-e',
          'radius.code',
          '-e',
          'radius.authenticator.valid',
          '-e',
          'radius.authenticator.invalid',
          '-e',
          'radius.User_Password',
        ],
        { timeout: 30_000 },
        (err, so, se) => (err ? reject(new Error(`${err.message}\n${se}`)) : resolve(so)),
      ),
    );
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.split('|'));
    expect(rows.length).toBe(10);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '1', '3', '1', '2', '12', '2', '4', '5']);
    const yes = (v: string | undefined) => v === '1' || v === 'True';
    for (const r of rows) expect(yes(r[2]), r.join('|')).toBe(false);
    // Wireshark checks the replies it can pair with an Access-/Accounting-Request (not the Status-Server
    // reply, not the request side): all four such replies must come out valid.
    const checked = rows.filter((r) => r[1] !== '');
    expect(checked.map((r) => r[0])).toEqual(['2', '3', '2', '5']);
    for (const r of checked) expect(yes(r[1]), r.join('|')).toBe(true);
    expect(rows[0]![3]).toBe('alice-pass');
  });
});
