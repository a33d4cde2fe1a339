import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEapClient, type EapClientOptions } from '../../src/engine/test-client/eap/supplicant';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';

/** Our EAP test client against our own EAP server (lab-eap.yaml), every method. */
const TLS = '/work/shared/fixtures/tls';
const pem = (f: string) => readFileSync(join(TLS, f));

describe('EAP test client against the lab server', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  const run = (o: Partial<EapClientOptions>) =>
    runEapClient({
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'md5',
      user: 'alice',
      password: 'alice-pass',
      tls: { ca: pem('ca.pem'), serverName: 'localhost' },
      timeoutMs: 3000,
      retries: 0,
      ...o,
    });

  for (const method of ['md5', 'gtc', 'peap', 'ttls-pap', 'ttls-mschapv2'] as const) {
    it(`${method}: alice is accepted, a wrong password rejected`, async () => {
      const ok = await run({ method });
      expect(ok.reason).toBeUndefined();
      expect(ok.outcome).toBe('accept');
      if (method !== 'md5' && method !== 'gtc') {
        expect(ok.mppe).toBe('match');
        expect(ok.notes.join('\n')).toContain('server certificate trusted');
      }
      const bad = await run({ method, password: 'wrong' });
      expect(bad.outcome).not.toBe('accept');
      expect(bad.failedRound).toBe(bad.rounds.length);
      expect(bad.reason).toMatch(/Access-Reject/);
    });
  }

  it('tls: lab-client with its certificate is accepted, MPPE keys match the MSK', async () => {
    const r = await run({
      method: 'tls',
      user: 'lab-client',
      password: '',
      tls: { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') },
    });
    expect(r.reason).toBeUndefined();
    expect(r.outcome).toBe('accept');
    expect(r.mppe).toBe('match');
  });

  it('L/M/S fragmentation both ways: our client certificate in 200-byte fragments, the server flight reassembled', async () => {
    const r = await run({
      method: 'tls',
      user: 'lab-client',
      tls: { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key'), fragmentSize: 200 },
    });
    expect(r.reason).toBeUndefined();
    expect(r.mppe).toBe('match');
    const text = r.rounds.map((x) => `${x.sent} | ${x.received ?? ''}`).join('\n');
    expect(text).toMatch(/in \d+ fragments/);
    expect(text).toMatch(/EAP-TLS fragment \(200 bytes, more\)/);
    expect(text).toMatch(/\[L=\d+ M, \d+ bytes TLS\]/);
  });

  it('tls 1.2: PEAP and EAP-TLS work with the TLS 1.2 exporter labels', async () => {
    const tls12 = { ca: pem('ca.pem'), maxVersion: 'TLSv1.2' as const };
    expect((await run({ method: 'peap', tls: tls12 })).mppe).toBe('match');
    const r = await run({
      method: 'tls',
      user: 'lab-client',
      tls: { ...tls12, cert: pem('client.pem'), key: pem('client.key') },
    });
    expect(r.mppe).toBe('match');
  });

  it('an untrusted server certificate is reported and no credentials are sent', async () => {
    const r = await run({ method: 'peap', tls: { ca: pem('client.pem') } });
    expect(r.outcome).toBe('failure');
    expect(r.reason).toMatch(/untrusted server certificate/);
  });

  it('a server name the certificate does not carry is reported', async () => {
    const r = await run({ method: 'ttls-pap', tls: { ca: pem('ca.pem'), serverName: 'radius.example.net' } });
    expect(r.reason).toMatch(/untrusted server certificate/);
  });

  it('a timeout names the round', async () => {
    const r = await runEapClient({
      host: '127.0.0.1',
      port: 9,
      secret: 'x',
      method: 'md5',
      user: 'a',
      password: 'b',
      timeoutMs: 200,
      retries: 0,
    });
    expect(r.outcome).toBe('failure');
    expect(r.failedRound).toBe(1);
    expect(r.reason).toMatch(/timeout/);
  });

  it('client.eap: PEM certificates, every RADIUS packet in the trace as client, the lab view attached', async () => {
    const r = await callProcedure(t.engine, 'client.eap', {
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'ttls-pap',
      user: 'alice',
      password: 'alice-pass',
      ca: pem('ca.pem').toString(),
      serverName: 'localhost',
    });
    expect(r.outcome).toBe('accept');
    expect(r.mppe).toBe('match');
    expect(r.exchange).toHaveLength(r.rounds.length * 2);
    expect(r.exchange.every((e) => e.traceId !== undefined)).toBe(true);
    expect(r.lab?.decision?.allow).toBe(true);
    const bad = await callProcedure(t.engine, 'client.eap', {
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'tls',
      user: 'lab-client',
      cert: 'not a certificate',
      key: 'nor a key',
    });
    expect(bad.outcome).toBe('failure');
    expect(bad.reason).toMatch(/TLS settings do not load/);
  });

  it('client.eap: expectations as for RADIUS requests, a small fragment size, the whole run timed', async () => {
    const r = await callProcedure(t.engine, 'client.eap', {
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'peap',
      user: 'alice',
      password: 'alice-pass',
      ca: pem('ca.pem').toString(),
      serverName: 'localhost',
      fragmentSize: 200,
      expect: { status: 'accept', attributes: ['Tunnel-Private-Group-Id=20', 'Filter-Id=nope'] },
    });
    expect(r.outcome).toBe('accept');
    expect(r.durationMs).toBeGreaterThan(0);
    // 200-byte fragments: our certificate-less ClientHello fits, the Finished flight is split.
    expect(r.rounds.some((x) => /in \d+ fragments|fragment \(/.test(x.sent))).toBe(true);
    expect(r.assertions.map((a) => [a.what, a.ok])).toEqual([
      ['status accept', true],
      ['Tunnel-Private-Group-Id = 20', true],
      ['Filter-Id = nope', false],
    ]);
  });
});

describe('EAP test client: a method the server does not offer', () => {
  it('our Nak answered with EAP-Failure names the method', async () => {
    const t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (s) => s.replace('methods: [peap, ttls, tls, md5, gtc]', 'methods: [peap]'),
    });
    try {
      const r = await runEapClient({
        host: '127.0.0.1',
        port: t.port('radius-auth'),
        secret: 'testing123',
        method: 'md5',
        user: 'alice',
        password: 'alice-pass',
        retries: 0,
      });
      expect(r.outcome).toBe('reject');
      expect(r.rounds[0]!.note).toMatch(/server proposed PEAP/);
      expect(r.rounds[1]!.sent).toMatch(/Nak.*\[wants MD5-Challenge\]/);
      expect(r.reason).toMatch(/after our Nak: the server does not offer md5/);
    } finally {
      await t.engine.stop();
    }
  });
});
