import type { Command } from 'commander';
import { resolve } from 'node:path';
import { createLabPki, PkiExistsError } from '../engine/pki/lab-pki';
import { defaultDnsNames, labPkiReport, localAddresses } from '../engine/pki/lab-pki-defaults';
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
      const dnsNames = flags.name.length ? flags.name : defaultDnsNames();
      const ipAddresses = flags.ip.length ? flags.ip : localAddresses();
      const clients = flags.client.length ? flags.client : ['lab-client'];
      try {
        const files = await createLabPki({ dir, dnsNames, ipAddresses, clients, days, force: flags.force });
        for (const line of labPkiReport(files, dnsNames, ipAddresses)) io.out(line);
        io.exit(0);
      } catch (e) {
        const hint = e instanceof PkiExistsError ? ' (use --force to replace)' : '';
        io.err(`aaa-lab certs init: ${(e as Error).message}${hint}`);
        io.exit(1);
      }
    });
}
