import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { fixtureLab, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePythonModule } from '../peers/require-peer';

const python = requirePythonModule('pyrad', 'python3-pyrad');

// pyrad 2.1 reads its own (older) dictionary dialect; a small one is enough for this exchange.
const PYRAD_DICT = `ATTRIBUTE User-Name 1 string
ATTRIBUTE User-Password 2 string encrypt=1
ATTRIBUTE NAS-IP-Address 4 ipaddr
ATTRIBUTE Service-Type 6 integer
ATTRIBUTE Reply-Message 18 string
ATTRIBUTE Vendor-Specific 26 octets
ATTRIBUTE Acct-Status-Type 40 integer
ATTRIBUTE Acct-Session-Id 44 string
ATTRIBUTE Message-Authenticator 80 octets
VALUE Service-Type Administrative-User 6
VALUE Service-Type NAS-Prompt-User 7
VALUE Acct-Status-Type Start 1
VENDOR Cisco 9
BEGIN-VENDOR Cisco
ATTRIBUTE Cisco-AVPair 1 string
END-VENDOR Cisco
VENDOR Aruba 14823
BEGIN-VENDOR Aruba
ATTRIBUTE Aruba-User-Role 1 string
END-VENDOR Aruba
`;

const SCRIPT = `
import json, sys
import pyrad.packet
from pyrad.client import Client
from pyrad.dictionary import Dictionary
d = Dictionary(sys.argv[1])
c = Client(server="127.0.0.1", authport=int(sys.argv[2]), acctport=int(sys.argv[3]), secret=b"testing123", dict=d)
c.timeout = 2
c.retries = 1
out = {}
req = c.CreateAuthPacket(code=pyrad.packet.AccessRequest, User_Name="alice")
req["User-Password"] = req.PwCrypt("alice-pass")
req["Cisco-AVPair"] = "audit-session-id=0A0000010000001"
req["Aruba-User-Role"] = "employee"
rep = c.SendPacket(req)
out["auth"] = {"code": rep.code, "attrs": {k: [str(v) for v in rep[k]] for k in rep.keys()}}
req = c.CreateAuthPacket(code=pyrad.packet.AccessRequest, User_Name="alice")
req["User-Password"] = req.PwCrypt("wrong")
out["reject"] = c.SendPacket(req).code
acct = c.CreateAcctPacket(User_Name="alice")
acct["Acct-Status-Type"] = "Start"
acct["Acct-Session-Id"] = "py-1"
acct["Cisco-AVPair"] = "connect-progress=Call Up"
out["acct"] = c.SendPacket(acct).code
print(json.dumps(out))
`;

describe.skipIf(!python)('pyrad → our RADIUS server (vendor attributes)', () => {
  let ctx: TestContext;
  let server: RadiusServer;
  let auth = 0;
  let acct = 0;
  beforeAll(async () => {
    ctx = testContext(
      fixtureLab((y) =>
        y.replace(
          'Cisco-AVPair: "shell:priv-lvl=15"',
          'Cisco-AVPair: "shell:priv-lvl=15"\n      Aruba-User-Role: netops-admin',
        ),
      ),
    );
    server = new RadiusServer(ctx);
    const l = await server.start();
    auth = portOf(l, 'radius-auth');
    acct = portOf(l, 'radius-acct');
  });
  afterAll(() => server.stop());

  it('authenticates, rejects and accounts; vendor attributes decode both ways', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pyrad-'));
    writeFileSync(join(dir, 'dictionary'), PYRAD_DICT);
    writeFileSync(join(dir, 'client.py'), SCRIPT);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        python!,
        [join(dir, 'client.py'), join(dir, 'dictionary'), String(auth), String(acct)],
        { timeout: 20_000 },
        (err, so, se) => (err ? reject(new Error(`${err.message}\n${se}`)) : resolve(so)),
      ),
    );
    const r = JSON.parse(out) as {
      auth: { code: number; attrs: Record<string, string[]> };
      reject: number;
      acct: number;
    };
    expect(r.auth.code).toBe(2);
    expect(r.auth.attrs['Service-Type']).toEqual(['Administrative-User']);
    expect(r.auth.attrs['Cisco-AVPair']).toEqual(['shell:priv-lvl=15']);
    expect(r.auth.attrs['Aruba-User-Role']).toEqual(['netops-admin']);
    expect(r.reject).toBe(3);
    expect(r.acct).toBe(5);
    const req = ctx.traces.find((t) => t.direction === 'in' && t.summary.startsWith('Access-Request'))!;
    expect(JSON.stringify(req.dissection)).toContain('audit-session-id=0A0000010000001');
    expect(JSON.stringify(req.dissection)).toContain('Aruba-User-Role');
    expect(ctx.records.at(-1)).toMatchObject({
      sessionId: 'py-1',
      attributes: { 'Cisco-AVPair': 'connect-progress=Call Up' },
    });
  });
});
