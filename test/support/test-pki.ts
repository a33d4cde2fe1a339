import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Certificates made at test time with the openssl command (Debian's openssl): a CA that is not the
 * lab's and a client certificate it signed, or a client certificate the lab CA signed.
 * (@peculiar/x509 needs a Reflect polyfill that is not installed.)
 */
export interface Issued {
  dir: string;
  cert: string;
  key: string;
  certPem: Buffer;
  keyPem: Buffer;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

export function makeCa(cn: string): Issued {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-pki-'));
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    `/CN=${cn}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return read(dir, 'ca');
}

/** A client certificate (clientAuth) for `cn`, signed by the CA whose files are given; `expired`
 * makes one valid only in 2020 (`openssl ca` is the command that takes explicit dates). */
export function issueClient(
  ca: { cert: string; key: string },
  cn: string,
  extra = '',
  expired = false,
): Issued {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-pki-'));
  openssl(dir, [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'client.key',
    '-out',
    'client.csr',
    '-subj',
    `/CN=${cn}`,
  ]);
  writeFileSync(join(dir, 'ext.cnf'), `extendedKeyUsage=clientAuth\n${extra}`);
  if (expired) {
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      '[ca]\ndefault_ca=lab\n[lab]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\npolicy=any\ndefault_md=sha256\n[any]\ncommonName=supplied\n',
    );
    // prettier-ignore
    openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-in', 'client.csr', '-out', 'client.pem', '-cert', ca.cert,
      '-keyfile', ca.key, '-startdate', '20200101000000Z', '-enddate', '20201231000000Z', '-extfile', 'ext.cnf', '-notext']);
    return read(dir, 'client');
  }
  // prettier-ignore
  openssl(dir, ['x509', '-req', '-in', 'client.csr', '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial',
    '-out', 'client.pem', '-days', '30', '-extfile', 'ext.cnf']);
  return read(dir, 'client');
}

function read(dir: string, base: string): Issued {
  const cert = join(dir, `${base}.pem`);
  const key = join(dir, `${base}.key`);
  return { dir, cert, key, certPem: readFileSync(cert), keyPem: readFileSync(key) };
}
