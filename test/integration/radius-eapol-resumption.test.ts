import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eapolTest, runEapolTest, type NetworkBlock } from '../peers/eapol-test';
import { startTestEngine, type TestEngine } from '../support/engine';
import { fixturePath } from '../support/fixtures';

/**
 * Re-authentication with TLS session resumption, wpa_supplicant's way (eapol_test -r): by session ID
 * (its default), by RFC 5077 ticket (tls_disable_session_ticket=0) and by TLS 1.3 PSK, for PEAP and
 * EAP-TLS and TTLS, with matching MPPE keys. A resumed PEAP or TTLS session skips its inner method
 * (fast reconnect: wpa_supplicant accepts it for PEAP and always does it for TTLS) unless
 * radius.eap.tls.fastReconnect is off, which makes PEAP run it and TTLS not resume. With
 * radius.eap.tls.resumption off, every re-authentication is a full handshake.
 */
const ca = fixturePath('tls/ca.pem');
const peap = (phase1: string): NetworkBlock => ({
  eap: 'PEAP',
  identity: 'alice',
  anonymous_identity: 'anonymous',
  password: 'alice-pass',
  ca_cert: ca,
  phase1: `peapver=0 ${phase1}`,
  phase2: 'auth=MSCHAPV2',
});
const eapTls = (phase1: string): NetworkBlock => ({
  eap: 'TLS',
  identity: 'lab-client',
  ca_cert: ca,
  client_cert: fixturePath('tls/client.pem'),
  private_key: fixturePath('tls/client.key'),
  phase1,
});
const ttls = (phase1: string, phase2: string): NetworkBlock => ({
  eap: 'TTLS',
  identity: 'alice',
  anonymous_identity: 'anonymous',
  password: 'alice-pass',
  ca_cert: ca,
  phase1,
  phase2,
});
const CASES: Array<[string, NetworkBlock]> = [
  ['PEAP, TLS 1.2 session ID', peap('tls_disable_tlsv1_3=1')],
  ['PEAP, TLS 1.2 ticket', peap('tls_disable_tlsv1_3=1 tls_disable_session_ticket=0')],
  ['PEAP, TLS 1.3 PSK', peap('tls_disable_tlsv1_3=0')],
  ['EAP-TLS, TLS 1.2 session ID', eapTls('tls_disable_tlsv1_3=1')],
  ['EAP-TLS, TLS 1.3 PSK', eapTls('tls_disable_tlsv1_3=0')],
  ['TTLS-PAP, TLS 1.2 session ID', ttls('tls_disable_tlsv1_3=1', 'auth=PAP')],
  ['TTLS-EAP-MSCHAPv2, TLS 1.3 PSK', ttls('tls_disable_tlsv1_3=0', 'autheap=MSCHAPV2')],
];

/** lab-eap.yaml with `extra` added to its `radius.eap.tls` line, started for the enclosing describe. */
function eapLab(extra?: string): { port: () => number; acceptReasons: (user: string) => string } {
  let t: TestEngine | undefined;
  beforeAll(async () => {
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: extra
        ? (text) => text.replace('maxVersion: "1.3" }', `maxVersion: "1.3", ${extra} }`)
        : undefined,
    });
  });
  afterAll(async () => {
    await t?.engine.stop();
  });
  return {
    port: () => t!.port('radius-auth'),
    /** The decision behind the newest Access-Accept for `user`, its reasons joined by " → ". */
    acceptReasons: (user) => {
      const accept = t!.engine.trace
        .list({ protocol: ['radius'], limit: 100 })
        .rows.find((x) => x.summary.startsWith('Access-Accept') && x.summary.includes(` ${user} `))!;
      return t!.engine.trace.get(accept.replyTo!)!.decision!.reasons.join(' → ');
    },
  };
}

describe.skipIf(!eapolTest)('eapol_test re-authentication resumes the TLS session', () => {
  const lab = eapLab();

  for (const [name, block] of CASES)
    it(`${name}: 1 full and 2 resumed authentications, MPPE keys OK`, async () => {
      const r = await runEapolTest(block, { port: lab.port(), reauth: 2 });
      expect(r.success, r.out).toBe(true);
      expect(r.mppeOk, r.out).toBe(true);
      expect(r.resumed, r.out).toBe(2);
      const reasons = lab.acceptReasons(block.eap === 'TLS' ? 'lab-client' : 'alice');
      expect(reasons).toContain('(resumed session)');
      if (block.eap === 'PEAP')
        expect(reasons).toMatch(
          /fast reconnect: the resumed TLS session authenticated alice by EAP-MSCHAPv2 \d+ s ago/,
        );
      else if (block.eap === 'TTLS')
        expect(reasons).toMatch(
          /fast reconnect: the resumed TLS session authenticated alice by inner (PAP|EAP-MSCHAPv2) \d+ s ago/,
        );
      else expect(reasons).toMatch(/client certificate CN=lab-client verified .* → identity lab-client/);
    });
});

describe.skipIf(!eapolTest)('with radius.eap.tls.fastReconnect: false', () => {
  const lab = eapLab('fastReconnect: false');

  it('TTLS-PAP: no session resumes (a TTLS peer would skip its inner method), each one runs PAP', async () => {
    const block = CASES.find(([n]) => n.startsWith('TTLS-PAP'))![1];
    const r = await runEapolTest(block, { port: lab.port(), reauth: 1 });
    expect(r.success, r.out).toBe(true);
    expect(r.mppeOk, r.out).toBe(true);
    expect(r.resumed, r.out).toBe(0);
  });

  it('PEAP, TLS 1.2 session ID: resumed re-authentications still run EAP-MSCHAPv2', async () => {
    const r = await runEapolTest(CASES[0]![1], { port: lab.port(), reauth: 1 });
    expect(r.success, r.out).toBe(true);
    expect(r.mppeOk, r.out).toBe(true);
    expect(r.resumed, r.out).toBe(1);
    const reasons = lab.acceptReasons('alice');
    expect(reasons).toContain('(resumed session)');
    expect(reasons).toContain('inner EAP-MSCHAPv2 for alice');
  });
});

describe.skipIf(!eapolTest)('with radius.eap.tls.resumption: false', () => {
  const lab = eapLab('resumption: false');

  for (const [name, block] of CASES)
    it(`${name}: every re-authentication is a full handshake`, async () => {
      const r = await runEapolTest(block, { port: lab.port(), reauth: 1 });
      expect(r.success, r.out).toBe(true);
      expect(r.mppeOk, r.out).toBe(true);
      expect(r.resumed, r.out).toBe(0);
    });
});
