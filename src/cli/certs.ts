import type { Command } from 'commander';
import { hostname, networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { createLabPki, type LabPkiFiles } from '../engine/pki/lab-pki';
import { processIo, type CliIo } from './io';
import { UsageError } from './usage';

interface Flags {
  dir: string;
  name: string[];
  ip: string[];
  client: string[];
  days: string;
  force?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** `aaa-lab certs init`: a lab CA, a server certificate for this laptop, client certificates. */
export function registerCerts(program: Command, io: CliIo = processIo): void {
  const certs = program
    .command('certs')
    .description('a lab PKI for EAP-TLS/PEAP/TTLS, TACACS+ over TLS and RadSec');
  certs
    .command('init')
    .description(
      "create a lab CA, a server certificate for this machine's names and addresses, and client certificates",
    )
    .option('--dir <dir>', 'where the files go', './aaa-lab-data/pki')
    .option(
      '--name <dns>',
      'a DNS name for the server certificate (repeatable; default: host name, localhost)',
      collect,
      [],
    )
    .option(
      '--ip <address>',
      'an IP address for the server certificate (repeatable; default: every local address)',
      collect,
      [],
    )
    .option(
      '--client <cn>',
      'a client certificate with this common name (repeatable; default: lab-client)',
      collect,
      [],
    )
    .option('--days <n>', 'validity in days', '825')
    .option('--force', 'replace existing files')
    .action(async (flags: Flags) => {
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 1 || days > 3650)
        throw new UsageError(
          `--days: expected a whole number of days from 1 to 3650, got ${JSON.stringify(flags.days)}`,
        );
      const dir = resolve(flags.dir);
      const dnsNames = flags.name.length ? flags.name : [...new Set([hostname(), 'localhost'])];
      const ipAddresses = flags.ip.length ? flags.ip : localAddresses();
      const clients = flags.client.length ? flags.client : ['lab-client'];
      try {
        const files = await createLabPki({ dir, dnsNames, ipAddresses, clients, days, force: flags.force });
        for (const line of report(files, dnsNames, ipAddresses)) io.out(line);
        io.exit(0);
      } catch (e) {
        io.err(`aaa-lab certs init: ${(e as Error).message}`);
        io.exit(1);
      }
    });
}

/** Every address of this machine, so a switch pointed at any of them sees a matching certificate. */
function localAddresses(): string[] {
  const out = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) out.add(a.address.replace(/%.*$/, ''));
  return [...out];
}

function report(f: LabPkiFiles, names: string[], ips: string[]): string[] {
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
