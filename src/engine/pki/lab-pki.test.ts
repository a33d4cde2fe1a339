import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { requirePeer } from '../../../test/peers/require-peer';
import { createLabPki, type LabPkiFiles } from './lab-pki';

describe('lab PKI (aaa-lab certs init)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-pki-'));
  let files: LabPkiFiles;
  const read = (p: string) => readFileSync(p, 'utf8');

  beforeAll(async () => {
    files = await createLabPki({
      dir,
      dnsNames: ['lab.example', 'localhost'],
      ipAddresses: ['127.0.0.1', '192.0.2.10'],
      clients: ['lab-client', 'switch 1'],
      days: 30,
    });
  }, 30_000);

  it('issues a server certificate for every name and address, chained to the CA', () => {
    const ca = new X509Certificate(read(files.ca));
    const server = new X509Certificate(read(files.server));
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.subjectAltName).toBe(
      'DNS:lab.example, DNS:localhost, IP Address:127.0.0.1, IP Address:192.0.2.10',
    );
    expect(server.checkHost('lab.example')).toBe('lab.example');
    expect(server.checkIP('192.0.2.10')).toBe('192.0.2.10');
    expect(server.subject).toContain('CN=lab.example');
  });

  it('keeps private keys readable by their owner only', () => {
    for (const k of [files.caKey, files.serverKey, ...files.clients.map((c) => c.key)])
      expect(statSync(k).mode & 0o077).toBe(0);
  });

  it('openssl accepts the server certificate for TLS servers and the client ones for TLS clients', () => {
    requirePeer('openssl', 'openssl');
    const verify = (purpose: string, cert: string) =>
      execFileSync('openssl', ['verify', '-CAfile', files.ca, '-purpose', purpose, cert], {
        encoding: 'utf8',
      });
    expect(verify('sslserver', files.server)).toContain(': OK');
    for (const c of files.clients) expect(verify('sslclient', c.cert)).toContain(': OK');
    // A client certificate is not a server certificate (no serverAuth usage).
    expect(() => verify('sslserver', files.clients[0]!.cert)).toThrow();
  });

  it('the certificates complete a mutually authenticated TLS handshake', async () => {
    const client = files.clients[0]!;
    const server = tls.createServer({
      cert: read(files.server),
      key: read(files.serverKey),
      ca: read(files.ca),
      requestCert: true,
      rejectUnauthorized: true,
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const peer = once(server, 'secureConnection');
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      servername: 'lab.example',
      ca: read(files.ca),
      cert: read(client.cert),
      key: read(client.key),
    });
    await once(socket, 'secureConnect');
    const [s] = (await peer) as [tls.TLSSocket];
    expect(socket.authorized).toBe(true);
    expect(s.authorized).toBe(true);
    expect(s.getPeerCertificate().subject.CN).toBe('lab-client');
    socket.destroy();
    server.close();
  });

  it('names client files safely and refuses to overwrite without force', async () => {
    expect(files.clients[1]!.cert).toBe(join(dir, 'client-switch_1.pem'));
    await expect(
      createLabPki({ dir, dnsNames: ['x'], ipAddresses: [], clients: [], days: 1 }),
    ).rejects.toThrow(/ca\.pem.*already exist/);
  });
});
