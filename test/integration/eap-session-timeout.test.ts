import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';
import { eapolTest, runEapolTest } from '../peers/eapol-test';

const ca = readFileSync('/work/shared/fixtures/tls/ca.pem', 'utf8');

/**
 * 802.1X re-authentication: the switch takes Session-Timeout and Termination-Action=RADIUS-Request
 * (RFC 2865 §5.27, §5.29; IEEE 802.1X reauth) from the EAP Access-Accept, with the VLAN, from the
 * group's profile; a user's own value overrides the group's.
 */
describe('authorization profile timers in the EAP Access-Accept', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (s) =>
        s
          .replace(
            '      Tunnel-Private-Group-Id: "20"\n',
            '      Tunnel-Private-Group-Id: "20"\n      Session-Timeout: 3600\n      Termination-Action: RADIUS-Request\n',
          )
          .replace(
            '  - username: lab-client                # EAP-TLS only',
            '  - username: carol\n    password: carol-pass\n    groups: [netops]\n    radiusReply: { Session-Timeout: 600 }\n  - username: lab-client                # EAP-TLS only',
          ),
    });
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  const peap = (user: string, password: string) =>
    callProcedure(t.engine, 'client.eap', {
      ...{ host: '127.0.0.1', port: t.port('radius-auth'), secret: 'testing123', method: 'peap' },
      ...{ user, password, ca, serverName: 'localhost' },
    });

  it("alice's PEAP Accept carries the netops profile's VLAN, Session-Timeout and Termination-Action", async () => {
    const r = await peap('alice', 'alice-pass');
    expect(r.outcome).toBe('accept');
    expect(r.mppe).toBe('match');
    const attrs = Object.fromEntries(r.replyAttributes);
    expect(attrs).toMatchObject({
      'Session-Timeout': '3600',
      'Termination-Action': expect.stringMatching(/^RADIUS-Request/),
      'Tunnel-Private-Group-Id': expect.stringContaining('20'),
    });
    expect(r.lab?.decision?.reasons.join('\n')).toMatch(/Session-Timeout=3600/);
  });

  it("a user's own Session-Timeout overrides the group's; Termination-Action still comes from the group", async () => {
    const r = await peap('carol', 'carol-pass');
    expect(r.outcome).toBe('accept');
    const timeouts = r.replyAttributes.filter(([n]) => n === 'Session-Timeout').map(([, v]) => v);
    expect(timeouts).toEqual(['600']);
    expect(r.replyAttributes.some(([n]) => n === 'Termination-Action')).toBe(true);
  });

  it.skipIf(!eapolTest)(
    'eapol_test (a real supplicant) sees them in the Accept, with the MPPE keys',
    async () => {
      const r = await runEapolTest(
        {
          eap: 'PEAP',
          identity: 'alice',
          anonymous_identity: 'anonymous',
          password: 'alice-pass',
          phase2: 'auth=MSCHAPV2',
          ca_cert: '/work/shared/fixtures/tls/ca.pem',
        },
        { port: t.port('radius-auth') },
      );
      expect(r.success).toBe(true);
      expect(r.mppeOk).toBe(true);
      // eapol_test dumps the Accept's attributes: Session-Timeout 3600, Termination-Action 1 (RADIUS-Request).
      const accept = r.out.slice(r.out.indexOf('(Access-Accept)'));
      expect(accept).toMatch(/Attribute 27 \(Session-Timeout\) length=6\s+Value: 3600\b/);
      expect(accept).toMatch(/Attribute 29 \(Termination-Action\) length=6\s+Value: 1\b/);
    },
  );
});
