import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { getAvp, revealAvp } from '../../src/engine/radius/codec/message';
import { secretBytes } from '../../src/engine/radius/codec/sign';
import { startFreeRadius, type FreeRadiusPeer } from '../peers/freeradius';
import { requirePeer } from '../peers/require-peer';

const bin = requirePeer('freeradius', 'freeradius');

describe.skipIf(!bin)('our client → FreeRADIUS 3.2', () => {
  let peer: FreeRadiusPeer;
  let client: RadiusClient;
  let acct: RadiusClient;
  beforeAll(async () => {
    peer = await startFreeRadius(bin!);
    client = new RadiusClient({
      host: '127.0.0.1',
      port: peer.auth,
      secret: 'testing123',
      timeoutMs: 2000,
      retries: 1,
    });
    acct = new RadiusClient({
      host: '127.0.0.1',
      port: peer.acct,
      secret: 'testing123',
      timeoutMs: 2000,
      retries: 1,
    });
  });
  afterAll(async () => {
    await client?.close();
    await acct?.close();
    await peer?.stop();
  });

  it('PAP accept with reply attributes, Tunnel-Password revealed with the request authenticator', async () => {
    const r = await client.authenticate('alice', 'alice-pass', 'pap');
    expect(r.codeName).toBe('Access-Accept');
    expect(r.attributes['Service-Type']).toBe('Administrative-User');
    expect(r.attributes['Cisco-AVPair']).toBe('shell:priv-lvl=15');
    const tp = getAvp(r.message, 'Tunnel-Password')!;
    expect(tp.tag).toBe(1);
    expect(revealAvp(tp, secretBytes('testing123'), r.exchange.request.subarray(4, 20))).toBe(
      'tunnel-secret',
    );
    expect((await client.authenticate('alice', 'wrong', 'pap')).codeName).toBe('Access-Reject');
  });

  it('CHAP and MS-CHAPv2 (FreeRADIUS authenticator response verified)', async () => {
    expect((await client.authenticate('bob', 'bob-pass', 'chap')).codeName).toBe('Access-Accept');
    const ms = await client.authenticate('alice', 'alice-pass', 'mschapv2');
    expect(ms.codeName).toBe('Access-Accept');
    expect(ms.mschapv2).toBe('valid');
    expect((await client.authenticate('alice', 'nope', 'mschapv2')).codeName).toBe('Access-Reject');
  });

  it('accounting start / interim / stop with Message-Authenticator (RFC 5176 §3.1 construction) is accepted', async () => {
    for (const st of ['Start', 'Interim-Update', 'Stop']) {
      const r = await acct.accounting(st, [
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: 'fr-1' },
      ]);
      expect(r.codeName).toBe('Accounting-Response');
    }
    expect(peer.log()).not.toContain('invalid Message-Authenticator');
  });
});
