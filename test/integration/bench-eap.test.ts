import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchRun } from '../../src/cli/bench';
import type { CliIo } from '../../src/cli/io';
import { startTestEngine, type TestEngine } from '../support/engine';
import { fixturePath } from '../support/fixtures';

// radius-eap steps: our supplicant against the 802.1X conformance lab (lab-eap.yaml), through the CLI.
let lab: TestEngine;
const work = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-eap-'));

beforeAll(async () => {
  lab = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
});
afterAll(() => lab?.engine.close());

function run(suite: string): Promise<{ code: number; lines: string[]; errs: string[] }> {
  const file = join(work, `suite-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, suite);
  const lines: string[] = [];
  const errs: string[] = [];
  const io: CliIo = { out: (l) => lines.push(l), err: (l) => errs.push(l), exit: () => {} };
  const target = `host=127.0.0.1,secret=testing123,radius-auth=${lab.port('radius-auth')}`;
  return benchRun(file, { var: [], target }, io).then((code) => ({ code, lines, errs }));
}

const tls = (f: string) => JSON.stringify(fixturePath(`tls/${f}`));

describe('bench radius-eap steps against lab-eap.yaml', () => {
  it('PEAP, TTLS-PAP, EAP-TLS and MD5 pass with their expectations; VLAN 20 is checked', async () => {
    const r = await run(`
name: 802.1X methods
steps:
  - name: alice by PEAP-MSCHAPv2 behind anonymous, server certificate checked
    type: radius-eap
    method: peap
    user: alice
    password: alice-pass
    ca: ${tls('ca.pem')}
    expect:
      status: Access-Accept
      attributes: ["Tunnel-Private-Group-Id=20"]
  - name: bob by TTLS-PAP
    type: radius-eap
    method: ttls-pap
    user: bob
    password: bob-pass
    ca: ${tls('ca.pem')}
  - name: lab-client by EAP-TLS
    type: radius-eap
    method: tls
    user: lab-client
    ca: ${tls('ca.pem')}
    cert: ${tls('client.pem')}
    key: ${tls('client.key')}
  - name: a wrong EAP-MD5 password is rejected
    type: radius-eap
    method: md5
    user: bob
    password: wrong
    expect: { status: fail }
`);
    expect(r.errs).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatch(/4 steps passed, 0 failed/);
  }, 60_000);

  it('a wrong expectation fails naming the step, the field, expected and actual', async () => {
    const r = await run(`
steps:
  - name: alice expects the wrong VLAN
    type: radius-eap
    method: ttls-pap
    user: alice
    password: alice-pass
    expect: { attributes: ["Tunnel-Private-Group-Id=30"] }
`);
    expect(r.code).toBe(1);
    expect(r.lines.join('\n')).toMatch(
      /alice expects the wrong VLAN.*attribute Tunnel-Private-Group-Id: expected "30", got .*20/s,
    );
  }, 30_000);
});
