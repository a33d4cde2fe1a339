// EAP load: full PEAP-MSCHAPv2 and EAP-TLS authentications per second and server CPU per
// authentication, eapol_test (wpa_supplicant) as the client, our Engine in its own process on
// lab-eap.yaml (_eap-server.ts). Each authentication is a fresh eapol_test process (full handshake,
// no resumption), so authentications/s is bounded by the client's process start-up on this machine;
// server CPU per authentication is the server process's CPU time over the run divided by the
// authentications. Figures only, never asserted. Target (issue 12): ≤ 2 ms of CPU per PEAP
// authentication, FreeRADIUS's figure here. `--count N` per case (default 100), `--parallel P`
// concurrent supplicants (default 2).
import type { ChildProcess } from 'node:child_process';
import { fixturePath } from '../test/support/fixtures';
import { runEapolTest, type NetworkBlock } from '../test/peers/eapol-test';
import { forkBenchServer } from './lib/server-process';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const COUNT = arg('--count', 100);
const PARALLEL = arg('--parallel', 2);
const ca = fixturePath('tls/ca.pem');

const cases: Array<[string, NetworkBlock]> = [
  [
    'PEAP-MSCHAPv2 TLS 1.2',
    {
      eap: 'PEAP',
      identity: 'alice',
      anonymous_identity: 'anonymous',
      password: 'alice-pass',
      ca_cert: ca,
      phase1: 'peapver=0',
      phase2: 'auth=MSCHAPV2',
    },
  ],
  [
    'PEAP-MSCHAPv2 TLS 1.3',
    {
      eap: 'PEAP',
      identity: 'alice',
      anonymous_identity: 'anonymous',
      password: 'alice-pass',
      ca_cert: ca,
      phase1: 'peapver=0 tls_disable_tlsv1_3=0',
      phase2: 'auth=MSCHAPV2',
    },
  ],
  [
    'EAP-TLS TLS 1.2',
    {
      eap: 'TLS',
      identity: 'lab-client',
      ca_cert: ca,
      client_cert: fixturePath('tls/client.pem'),
      private_key: fixturePath('tls/client.key'),
    },
  ],
  [
    'EAP-TLS TLS 1.3',
    {
      eap: 'TLS',
      identity: 'lab-client',
      ca_cert: ca,
      client_cert: fixturePath('tls/client.pem'),
      private_key: fixturePath('tls/client.key'),
      phase1: 'tls_disable_tlsv1_3=0',
    },
  ],
];

function ask<T>(child: ChildProcess, msg: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(msg);
  });
}

const server = forkBenchServer('_eap-server.ts');
const { auth } = await new Promise<{ auth: number }>((resolve) =>
  server.once('message', (m) => resolve(m as { auth: number })),
);
console.log(
  `eapol_test → Engine (lab-eap.yaml) on 127.0.0.1:${auth}; ${COUNT} authentications per case, ${PARALLEL} at a time`,
);

for (const [name, block] of cases) {
  await runEapolTest(block, { port: auth }); // warm-up: JIT, SecureContext cache
  const before = await ask<{ cpuUs: number }>(server, 'cpu');
  const t0 = performance.now();
  let ok = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next++ < COUNT) if ((await runEapolTest(block, { port: auth })).mppeOk) ok++;
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const after = await ask<{ cpuUs: number }>(server, 'cpu');
  const cpuMs = (after.cpuUs - before.cpuUs) / 1000 / COUNT;
  console.log(
    `${name.padEnd(24)} ${(COUNT / seconds).toFixed(1).padStart(7)} auth/s  server CPU ${cpuMs.toFixed(2)} ms/auth  ${ok}/${COUNT} with MPPE keys OK`,
  );
}
server.send('stop');
