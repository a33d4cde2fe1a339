import { hostname, networkInterfaces } from 'node:os';
import type { LabPkiFiles } from './lab-pki';

/** The server certificate's default DNS names: this machine's host name and localhost. */
export function defaultDnsNames(): string[] {
  return [...new Set([hostname(), 'localhost'])];
}

/** Every address of this machine, so a switch pointed at any of them sees a matching certificate. */
export function localAddresses(): string[] {
  const out = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) out.add(a.address.replace(/%.*$/, ''));
  return [...out];
}

/** Where the files are, what to put in the lab file, and how to trust the CA on a supplicant. */
export function labPkiReport(f: LabPkiFiles, names: string[], ips: string[]): string[] {
  return [
    `CA certificate     ${f.ca}`,
    `CA key             ${f.caKey}   (keep it private: it signs every certificate here)`,
    `server certificate ${f.server}   for ${[...names, ...ips].join(', ')}`,
    `server key         ${f.serverKey}`,
    ...f.clients.map((c) => `client ${c.name.padEnd(11)} ${c.cert} + ${c.key}`),
    '',
    'In the lab file (radius.eap, radius.radsec, tacacs.tls):',
    `  cert: ${f.server}`,
    `  key: ${f.serverKey}`,
    `  ca: ${f.ca}`,
    '',
    'Trust the CA on a supplicant so it accepts the server certificate:',
    '  Windows: certutil -addstore Root ca.pem (or the 802.1X profile: "Verify the server\'s identity", pick the CA)',
    '  macOS/iOS: open ca.pem (Keychain / a profile), then mark it trusted for 802.1X',
    '  Android: Settings → Security → Install a certificate → Wi-Fi certificate, then choose it as the CA',
    `  wpa_supplicant / eapol_test: ca_cert="${f.ca}"`,
  ];
}
