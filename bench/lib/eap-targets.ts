import { startFreeRadius } from '../../test/peers/freeradius';
import { fixturePath } from '../../test/support/fixtures';
import { procCpu, procCpuMs } from './eapol';
import { forkBenchServer } from './server-process';

/** An EAP server under measurement: where it listens and its process's CPU time so far. */
export interface EapTarget {
  name: string;
  port: number;
  cpuMs(): number;
  /** The same split into user and kernel time (the kernel's share is mostly UDP send and wake-ups). */
  cpu(): { user: number; sys: number };
  stop(): Promise<void>;
}

/** Our Engine on lab-eap.yaml in its own process (bench/_eap-server.ts), ephemeral ports. */
export async function aaaLab(): Promise<EapTarget> {
  const child = forkBenchServer('_eap-server.ts');
  const { auth } = await new Promise<{ auth: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { auth: number })),
  );
  return {
    name: 'AAA Lab',
    port: auth,
    cpuMs: () => procCpuMs(child.pid!),
    cpu: () => procCpu(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/** A private FreeRADIUS 3.2 (thread pool, not -X) serving PEAP-MSCHAPv2 and EAP-TLS with the
 * fixture certificates, alice in its users file, TLS 1.2, no session cache. */
export async function freeRadius(): Promise<EapTarget> {
  const fr = await startFreeRadius('/usr/sbin/freeradius', ['-f', '-l', 'stdout'], {
    cert: fixturePath('tls/server.pem'),
    key: fixturePath('tls/server.key'),
    ca: fixturePath('tls/ca.pem'),
  });
  return {
    name: 'FreeRADIUS',
    port: fr.auth,
    cpuMs: () => procCpuMs(fr.pid),
    cpu: () => procCpu(fr.pid),
    stop: () => fr.stop(),
  };
}
