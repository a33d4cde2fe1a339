import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { secretBytes, signRequest } from '../../src/engine/radius/codec/sign';
import type { FieldNode } from '../../src/engine/packet-view';
import { eapolTest, runEapolTest } from '../peers/eapol-test';
import { startTestEngine, type TestEngine } from '../support/engine';

/**
 * wpa_supplicant's eapol_test as the switch + supplicant against our server on lab-eap.yaml
 * (ephemeral ports): the password methods for alice and bob, a wrong password, and the RFC 3579
 * §3.2 rule that an EAP request without Message-Authenticator is silently discarded.
 */
describe.skipIf(!eapolTest)('eapol_test → our EAP server (lab-eap.yaml)', () => {
  let t: TestEngine;
  let port = 0;

  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
    port = t.port('radius-auth');
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  const records = () => t.engine.trace.list({ protocol: ['radius'], limit: 5000 }).rows;
  const flat = (nodes: FieldNode[]): FieldNode[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);

  for (const [eap, user, password] of [
    ['MD5', 'alice', 'alice-pass'],
    ['MD5', 'bob', 'bob-pass'],
    ['GTC', 'alice', 'alice-pass'],
    ['GTC', 'bob', 'bob-pass'],
  ] as const) {
    it(`EAP-${eap} ${user} passes`, async () => {
      const r = await runEapolTest({ eap, identity: user, password }, { port, noKeys: true });
      expect(r.success, r.out).toBe(true);
    });
  }

  it("alice's Access-Accept carries EAP-Success, her group's VLAN 20 and a Message-Authenticator", async () => {
    const r = await runEapolTest(
      { eap: 'MD5', identity: 'alice', password: 'alice-pass' },
      { port, noKeys: true },
    );
    expect(r.success, r.out).toBe(true);
    const accept = records().find((x) => x.summary.startsWith('Access-Accept') && x.user === 'alice');
    const rec = t.engine.trace.get(accept!.id)!;
    const fields = flat(rec.dissection);
    expect(fields.find((f) => f.label.startsWith('Tunnel-Private-Group-Id'))?.value).toContain('20');
    expect(fields.some((f) => f.label.startsWith('Message-Authenticator'))).toBe(true);
    expect(fields.find((f) => f.label === 'EAP packet')?.value).toMatch(/^Success, id \d+/);
    const request = t.engine.trace.get(accept!.replyTo!)!;
    expect(request.decision?.reasons.slice(0, 3)).toEqual([
      'device lab-loopback (127.0.0.1/32)',
      'EAP method EAP-MD5',
      'user alice',
    ]);
    expect(request.decision?.reasons.at(-2)).toMatch(/^profile: .*Tunnel-Private-Group-Id=20/);
  });

  it('a wrong password fails, and the trace says which method and why', async () => {
    const r = await runEapolTest({ eap: 'MD5', identity: 'bob', password: 'nope' }, { port, noKeys: true });
    expect(r.success).toBe(false);
    expect(r.out).toMatch(/FAILURE|EAP-Failure|CTRL-EVENT-EAP-FAILURE/);
    const rec = records().find((x) => x.result === 'fail' && x.user === 'bob' && x.direction === 'in');
    expect(rec?.diagnosis).toBe('EAP-MD5 failed for bob: local: EAP-MD5 response incorrect for bob');
  });

  it('an EAP request without Message-Authenticator gets no reply and a traced reason', async () => {
    const secret = secretBytes('testing123');
    const attrs = buildAttributes(
      [
        { name: 'User-Name', value: 'alice' },
        { name: 'EAP-Message', value: Buffer.from('0201000a01616c696365', 'hex') },
      ],
      bundledDictionary().dictionary,
    );
    const req = signRequest(1, 77, attrs, secret, { messageAuthenticator: false });
    const sock = createSocket('udp4');
    const replies: Buffer[] = [];
    sock.on('message', (m) => replies.push(m));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.send(req, port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 400));
    sock.close();
    expect(replies).toEqual([]);
    const rec = records().find((x) => x.summary.includes('id=77'));
    expect(rec).toMatchObject({ result: 'drop' });
    expect(rec?.diagnosis).toMatch(/EAP-Message without Message-Authenticator \(RFC 3579 §3\.2/);
  });
});
