import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldNode } from '../../src/engine/packet-view';
import { eapolTest, runEapolTest, type NetworkBlock } from '../peers/eapol-test';
import { startTestEngine, type TestEngine } from '../support/engine';
import { fixturePath } from '../support/fixtures';
import { issueClient, makeCa } from '../support/test-pki';

/**
 * wpa_supplicant's eapol_test against our TLS-based methods on lab-eap.yaml (ephemeral ports):
 * EAP-TLS with the fixture client certificate, PEAP-MSCHAPv2 and TTLS-PAP/CHAP/MSCHAP/MSCHAPv2 and
 * TTLS-EAP-MSCHAPv2 for alice and bob behind the outer identity "anonymous", on TLS 1.2 and 1.3;
 * "MPPE keys OK" proves our MSK derivation matches the supplicant's. Then the failures an engineer
 * meets: wrong inner password, untrusted client certificate, a supplicant that distrusts our CA.
 */
const TLS13 = 'tls_disable_tlsv1_3=0';
const TLS12 = 'tls_disable_tlsv1_3=1';

describe.skipIf(!eapolTest)('eapol_test → EAP-TLS, PEAP, TTLS (lab-eap.yaml)', () => {
  let t: TestEngine;
  let port = 0;
  const ca = fixturePath('tls/ca.pem');

  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
    port = t.port('radius-auth');
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  const run = (block: NetworkBlock) => runEapolTest(block, { port });
  const rows = () => t.engine.trace.list({ protocol: ['radius'], limit: 5000 }).rows;
  const lastFailFor = (user: string) =>
    rows().find((x) => x.result === 'fail' && x.direction === 'in' && x.user === user);
  const flat = (nodes: FieldNode[]): FieldNode[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);

  const password = (user: string) => `${user}-pass`;
  const tunnelled = (eap: 'PEAP' | 'TTLS', user: string, phase2: string, phase1: string): NetworkBlock => ({
    eap,
    identity: user,
    anonymous_identity: 'anonymous',
    password: password(user),
    ca_cert: ca,
    phase1: eap === 'PEAP' ? `peapver=0 ${phase1}` : phase1,
    phase2,
  });

  for (const [name, phase1] of [
    ['TLS 1.2', TLS12],
    ['TLS 1.3', TLS13],
  ] as const) {
    it(`EAP-TLS lab-client over ${name}: accepted, MPPE keys OK`, async () => {
      const r = await run({
        eap: 'TLS',
        identity: 'lab-client',
        ca_cert: ca,
        client_cert: fixturePath('tls/client.pem'),
        private_key: fixturePath('tls/client.key'),
        phase1,
      });
      expect(r.success, r.out).toBe(true);
      expect(r.mppeOk, r.out).toBe(true);
      expect(r.out).toContain(name === 'TLS 1.3' ? 'TLSv1.3' : 'TLSv1.2');
    });

    for (const user of ['alice', 'bob'])
      for (const [eap, phase2] of [
        ['PEAP', 'auth=MSCHAPV2'],
        ['TTLS', 'auth=PAP'],
        ['TTLS', 'auth=CHAP'],
        ['TTLS', 'auth=MSCHAP'],
        ['TTLS', 'auth=MSCHAPV2'],
        ['TTLS', 'autheap=MSCHAPV2'],
      ] as const)
        it(`${eap} ${phase2} ${user} over ${name}: accepted, MPPE keys OK`, async () => {
          const r = await run(tunnelled(eap, user, phase2, phase1));
          expect(r.success, r.out).toBe(true);
          expect(r.mppeOk, r.out).toBe(true);
        });
  }

  it("alice's PEAP Accept puts the port in VLAN 20; the trace shows the inner MS-CHAPv2 with secrets hidden", async () => {
    const r = await run(tunnelled('PEAP', 'alice', 'auth=MSCHAPV2', TLS12));
    expect(r.success, r.out).toBe(true);
    const accept = rows().find((x) => x.summary.startsWith('Access-Accept') && / alice /.test(x.summary))!;
    const fields = flat(t.engine.trace.get(accept.id)!.dissection);
    expect(fields.find((f) => f.label.startsWith('Tunnel-Private-Group-Id'))?.value).toContain('20');
    const request = t.engine.trace.get(accept.replyTo!)!;
    expect(request.decision?.reasons.join(' → ')).toMatch(
      /PEAP over TLSv1\.2 .* → outer identity anonymous → inner EAP-MSCHAPv2 for alice/,
    );
    const inner = rows().filter((x) => /EAP-MSCHAPv2 Response \(user alice\)/.test(x.summary));
    expect(inner.length).toBeGreaterThan(0);
    const nt = flat(t.engine.trace.get(inner[0]!.id)!.dissection).find((f) => f.label === 'NT-Response');
    expect(nt?.value).toBe('hidden (24 bytes)');
    const hello = rows().find(
      (x) => x.direction === 'out' && /Access-Challenge/.test(x.summary) && x.user === 'anonymous',
    );
    expect(hello).toBeDefined();
  });

  it('a wrong inner password fails PEAP and TTLS-PAP, and the trace says so', async () => {
    const peap = await run({ ...tunnelled('PEAP', 'bob', 'auth=MSCHAPV2', TLS12), password: 'nope' });
    expect(peap.success).toBe(false);
    const ttls = await run({ ...tunnelled('TTLS', 'alice', 'auth=PAP', TLS13), password: 'nope' });
    expect(ttls.success).toBe(false);
    const why = rows()
      .filter((x) => x.result === 'fail' && x.direction === 'in')
      .map((x) => x.diagnosis ?? '')
      .join('\n');
    expect(why).toContain('PEAP failed for anonymous: local: MS-CHAPv2 response incorrect for bob');
    expect(why).toContain('EAP-TTLS failed for anonymous: local: password incorrect for alice');
  });

  it('refuses a client certificate from another CA and names that CA', async () => {
    const other = makeCa('Rogue Lab CA');
    const client = issueClient(other, 'lab-client');
    const r = await run({
      eap: 'TLS',
      identity: 'lab-client',
      ca_cert: ca,
      client_cert: client.cert,
      private_key: client.key,
      phase1: TLS13,
    });
    expect(r.success).toBe(false);
    expect(lastFailFor('lab-client')?.diagnosis).toMatch(
      /signed by CN=Rogue Lab CA, which is not the lab CA/,
    );
  });

  it('refuses an expired client certificate and says when it expired', async () => {
    const client = issueClient(
      { cert: fixturePath('tls/ca.pem'), key: fixturePath('tls/ca.key') },
      'lab-client',
      '',
      true,
    );
    const r = await run({
      eap: 'TLS',
      identity: 'lab-client',
      ca_cert: ca,
      client_cert: client.cert,
      private_key: client.key,
      phase1: TLS12,
    });
    expect(r.success).toBe(false);
    expect(lastFailFor('lab-client')?.diagnosis).toMatch(
      /client certificate CN=lab-client expired on 2020-12-31T00:00:00\.000Z/,
    );
  });

  it('says the supplicant does not trust our server certificate (alert unknown_ca)', async () => {
    const theirs = makeCa('Supplicant Trusts Only This CA');
    const r = await run({ ...tunnelled('PEAP', 'alice', 'auth=MSCHAPV2', TLS12), ca_cert: theirs.cert });
    expect(r.success).toBe(false);
    const rec = rows().find((x) => x.direction === 'in' && /unknown_ca/.test(x.diagnosis ?? ''));
    expect(
      rec?.diagnosis,
      JSON.stringify(
        rows()
          .slice(0, 4)
          .map((x) => x.diagnosis),
      ),
    ).toMatch(/the supplicant does not trust our server certificate/);
  });
});

describe.skipIf(!eapolTest)('eapol_test with 200-byte TLS fragments both ways', () => {
  let t: TestEngine;
  let port = 0;
  beforeAll(async () => {
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (text) =>
        text.replace('identityFromCertificate: cn', 'identityFromCertificate: cn\n    fragmentSize: 200'),
    });
    port = t.port('radius-auth');
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  for (const phase1 of ['tls_disable_tlsv1_3=1', 'tls_disable_tlsv1_3=0'])
    it(`EAP-TLS (${phase1}) reassembles the client certificate and fragments ours`, async () => {
      const r = await runEapolTest(
        {
          eap: 'TLS',
          identity: 'lab-client',
          ca_cert: fixturePath('tls/ca.pem'),
          client_cert: fixturePath('tls/client.pem'),
          private_key: fixturePath('tls/client.key'),
          fragment_size: 200,
          phase1,
        },
        { port },
      );
      expect(r.success, r.out).toBe(true);
      expect(r.mppeOk, r.out).toBe(true);
      const acks = t.engine.trace
        .list({ protocol: ['radius'], limit: 5000 })
        .rows.filter((x) => /ACK of fragment/.test(x.summary));
      expect(acks.length).toBeGreaterThan(0);
    });
});
