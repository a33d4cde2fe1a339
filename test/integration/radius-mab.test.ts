import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePeer } from '../peers/require-peer';
import { startTestEngine, type TestEngine } from '../support/engine';

const radclient = requirePeer('radclient', 'freeradius-utils');

/** radclient as a switch doing MAB (Service-Type Call-Check, the MAC as User-Name and User-Password). */
function send(port: number, attrs: string): Promise<string> {
  return new Promise((resolve) => {
    const p = execFile(
      radclient!,
      ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, 'auth', 'testing123'],
      { timeout: 10_000 },
      (_e, out, err) => resolve(out + err),
    );
    p.stdin?.end(attrs);
  });
}

describe.skipIf(!radclient)('radclient MAB and per-user reply attributes → our server', () => {
  let t: TestEngine;
  let port = 0;

  beforeAll(async () => {
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (text) =>
        text.replace(
          /(\n {4}enable: alice-enable.*\n)/,
          '$1    radiusReply: { Framed-IP-Address: 10.20.0.5 }\n',
        ) + '\nmab:\n  - group: helpdesk\n    macs: ["aabb.ccdd.eeff", "00-11-22-33-44-55"]\n',
    });
    port = t.port('radius-auth');
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  for (const mac of ['aabb.ccdd.eeff', 'AA-BB-CC-DD-EE-FF', 'aabbccddeeff', '001122334455']) {
    it(`accepts listed MAC ${mac} into its group`, async () => {
      const out = await send(
        port,
        `User-Name=${mac},User-Password=${mac},Service-Type=Call-Check,Calling-Station-Id=${mac}`,
      );
      expect(out).toMatch(/Received Access-Accept/);
      expect(out).toMatch(/Service-Type = NAS-Prompt-User/);
      const rec = t.engine.trace
        .list({ protocol: ['radius'], user: mac, limit: 5 })
        .rows.find((r) => r.direction === 'in')!;
      expect(t.engine.trace.get(rec.id)?.decision?.reasons.slice(-4)).toEqual([
        'in mab[0]',
        'group helpdesk',
        'profile: Service-Type=NAS-Prompt-User',
        'MAB accepted',
      ]);
    });
  }

  it('refuses an unlisted MAC and says why', async () => {
    const out = await send(
      port,
      'User-Name=de-ad-be-ef-00-01,User-Password=de-ad-be-ef-00-01,Service-Type=Call-Check',
    );
    expect(out).toMatch(/Received Access-Reject/);
  });

  it("alice's own Framed-IP-Address rides with her group's VLAN 20", async () => {
    const out = await send(port, 'User-Name=alice,User-Password=alice-pass');
    expect(out).toMatch(/Received Access-Accept/);
    expect(out).toMatch(/Framed-IP-Address = 10\.20\.0\.5/);
    expect(out).toMatch(/Tunnel-Private-Group-Id(:0)? = "20"/);
  });
});
