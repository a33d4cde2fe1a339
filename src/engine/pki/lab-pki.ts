// @peculiar/x509 decorates its ASN.1 schemas and reads them back through the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, webcrypto } from 'node:crypto';

/** What `aaa-lab certs init` makes: a lab CA, one server certificate, client certificates. */
export interface LabPkiRequest {
  dir: string;
  /** DNS names the server certificate covers (the laptop's host name, localhost, …). */
  dnsNames: string[];
  /** IP addresses it covers (switches often point at an address, not a name). */
  ipAddresses: string[];
  /** Client certificates (EAP-TLS users, TACACS+/TLS and RadSec peers), by common name. */
  clients: string[];
  days: number;
  /** Replace files that exist; otherwise an existing file is an error (nothing is written). */
  force?: boolean;
}

export interface LabPkiFiles {
  ca: string;
  caKey: string;
  server: string;
  serverKey: string;
  clients: Array<{ name: string; cert: string; key: string }>;
}

/** Files of an earlier lab PKI are in the way (replace them with `force`). */
export class PkiExistsError extends Error {
  constructor(readonly files: string[]) {
    super(`${files.join(', ')} already exist${files.length === 1 ? 's' : ''}`);
  }
}

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  // RSA 2048: what every supplicant (Windows, Android, old switches' RadSec) accepts.
  modulusLength: 2048,
} as const;

const DAY_MS = 86_400_000;

/** Plans the file names first so an existing file refuses the whole run before any key is made. */
export function labPkiFiles(req: Pick<LabPkiRequest, 'dir' | 'clients'>): LabPkiFiles {
  const p = (f: string) => join(req.dir, f);
  return {
    ca: p('ca.pem'),
    caKey: p('ca.key'),
    server: p('server.pem'),
    serverKey: p('server.key'),
    clients: req.clients.map((name) => ({
      name,
      cert: p(`client-${fileSafe(name)}.pem`),
      key: p(`client-${fileSafe(name)}.key`),
    })),
  };
}

export async function createLabPki(req: LabPkiRequest): Promise<LabPkiFiles> {
  const files = labPkiFiles(req);
  const all = [
    files.ca,
    files.caKey,
    files.server,
    files.serverKey,
    ...files.clients.flatMap((c) => [c.cert, c.key]),
  ];
  const existing = all.filter((f) => existsSync(f));
  if (existing.length && !req.force) throw new PkiExistsError(existing);
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const notBefore = new Date(Date.now() - 5 * 60_000); // a laptop clock a little ahead still accepts it
  const notAfter = new Date(Date.now() + req.days * DAY_MS);

  const caKeys = await generateKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=AAA Lab CA, O=AAA Lab',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const issue = async (cn: string, usage: 'server' | 'client', san: x509.JsonGeneralName[]) => {
    const keys = await generateKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${escapeDn(cn)}, O=AAA Lab`,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension(
          [usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
          false,
        ),
        ...(san.length ? [new x509.SubjectAlternativeNameExtension(san, false)] : []),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      ],
    });
    return { cert: cert.toString('pem'), key: await pkcs8Pem(keys.privateKey) };
  };

  const serverSan: x509.JsonGeneralName[] = [
    ...req.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...req.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const server = await issue(req.dnsNames[0] ?? req.ipAddresses[0] ?? 'aaa-lab', 'server', serverSan);
  const clients: Array<{ paths: LabPkiFiles['clients'][number]; pem: { cert: string; key: string } }> = [];
  for (const c of files.clients) clients.push({ paths: c, pem: await issue(c.name, 'client', []) });

  mkdirSync(req.dir, { recursive: true });
  writeFileSync(files.ca, ca.toString('pem') + '\n');
  writeSecret(files.caKey, await pkcs8Pem(caKeys.privateKey));
  writeFileSync(files.server, server.cert + '\n');
  writeSecret(files.serverKey, server.key);
  for (const { paths, pem } of clients) {
    writeFileSync(paths.cert, pem.cert + '\n');
    writeSecret(paths.key, pem.key);
  }
  return files;
}

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

/** Private keys readable by their owner only. */
function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

/** RFC 5280 §4.1.2.2: positive, at most 20 octets; random so re-runs never repeat a serial. */
function serial(): string {
  const b = randomBytes(16);
  b[0]! &= 0x7f;
  return b.toString('hex');
}

function escapeDn(v: string): string {
  return v.replace(/([,+"\\<>;=])/g, '\\$1');
}

function fileSafe(v: string): string {
  return v.replace(/[^\w.-]+/g, '_');
}
