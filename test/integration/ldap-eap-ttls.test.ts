import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MSCHAPV2_NEEDS_LOCAL } from '../../src/engine/radius/eap/peap/mschapv2-inner';
import { eapolTest, runEapolTest } from '../peers/eapol-test';
import { slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';
import { startTestEngine, type TestEngine } from '../support/engine';
import { fixturePath } from '../support/fixtures';

// Issue 12: the password methods inside the tunnel reach the directory when the password travels in
// clear (TTLS-PAP), and MS-CHAPv2 says why it cannot (slapd on the fixed port 3389: run under
// flock /tmp/aaa-ports.lock like the other LDAP end-to-end tests).
const EAP = `  eap:
    methods: [peap, ttls]
    cert: tls/server.pem
    key: tls/server.key
    ca: tls/ca.pem
`;

describe.skipIf(!slapdAvailable() || !eapolTest)(
  'EAP inside TLS against LDAP users (lab-ldap.yaml + radius.eap)',
  () => {
    let slapd: SlapdPeer | undefined;
    let t: TestEngine;
    let port = 0;
    beforeAll(async () => {
      slapd = await startSlapd({ port: 3389 });
      t = await startTestEngine({
        lab: 'lab-ldap.yaml',
        ports: 'ephemeral',
        env: { LDAP_BIND_PASSWORD: 'adminpw' },
        edit: (text) => text.replace('  radsec:', `${EAP}  radsec:`),
      });
      port = t.port('radius-auth');
    });
    afterAll(async () => {
      await t?.engine.close();
      await slapd?.stop();
    });

    const block = (phase2: string, password: string) => ({
      eap: phase2.startsWith('auth=PAP') ? 'TTLS' : 'PEAP',
      identity: 'carol',
      anonymous_identity: 'anonymous',
      password,
      ca_cert: fixturePath('tls/ca.pem'),
      phase2,
    });

    it('TTLS-PAP carol: the cleartext password binds to the directory; MPPE keys OK', async () => {
      const r = await runEapolTest(block('auth=PAP', 'carol-pass'), { port });
      expect(r.success, r.out).toBe(true);
      expect(r.mppeOk, r.out).toBe(true);
      const bad = await runEapolTest(block('auth=PAP', 'wrong'), { port });
      expect(bad.success).toBe(false);
    });

    it('PEAP-MSCHAPv2 carol fails, and the decision says why MS-CHAPv2 needs a local password', async () => {
      const r = await runEapolTest(block('auth=MSCHAPV2', 'carol-pass'), { port });
      expect(r.success).toBe(false);
      const rec = t.engine.trace
        .list({ protocol: ['radius'], limit: 2000 })
        .rows.find((x) => x.direction === 'in' && x.result === 'fail' && /PEAP/.test(x.diagnosis ?? ''));
      const full = t.engine.trace.get(rec!.id)!;
      expect(full.decision?.reasons.at(-1)).toBe(MSCHAPV2_NEEDS_LOCAL);
    });
  },
);
