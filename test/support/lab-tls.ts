import { readFileSync } from 'node:fs';
import type { EapTlsSettings } from '../../src/engine/radius/eap/method';
import { fixturePath } from './fixtures';

/** A file of the shared fixture PKI (tls/ca.pem, server.pem, client.pem, their keys). */
export function fixtureTls(name: string): Buffer {
  return readFileSync(fixturePath(`tls/${name}`));
}

/** The fixture PKI as radius.eap settings (TLS 1.2 to 1.3, 1020-byte fragments, CN names the user,
 * resumption and PEAP fast reconnect on). */
export function fixtureEapTls(over: Partial<EapTlsSettings> = {}): EapTlsSettings {
  return {
    cert: fixtureTls('server.pem'),
    key: fixtureTls('server.key'),
    ca: fixtureTls('ca.pem'),
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    fragmentSize: 1020,
    identityFromCertificate: 'cn',
    resumption: true,
    fastReconnect: true,
    ...over,
  };
}
