/**
 * Plain-language readings of TLS failures, for the "why?" chain. Node reports an alert received from
 * the peer as ERR_SSL_TLSV1_ALERT_<NAME> (or SSLV3_ALERT_<NAME>); everything else is our own side
 * refusing the peer's bytes.
 */
const PEER_ALERT_MEANING: Record<string, string> = {
  UNKNOWN_CA:
    'the supplicant does not trust our server certificate (it does not know the CA that signed it: install the lab CA on the supplicant or fix its CA setting)',
  BAD_CERTIFICATE: 'the supplicant rejected our server certificate (bad certificate)',
  CERTIFICATE_EXPIRED: 'the supplicant says our server certificate has expired',
  CERTIFICATE_UNKNOWN:
    'the supplicant rejected our server certificate (certificate unknown: often a server name or key usage the supplicant does not accept)',
  UNSUPPORTED_CERTIFICATE: 'the supplicant does not support our server certificate type',
  ACCESS_DENIED: 'the supplicant refused access (access_denied)',
  PROTOCOL_VERSION: 'no TLS version in common with the supplicant (protocol_version)',
  HANDSHAKE_FAILURE:
    'the supplicant ended the handshake (handshake_failure: no common cipher suite or parameters)',
  DECRYPT_ERROR: 'the supplicant could not verify our handshake signature (decrypt_error)',
  INTERNAL_ERROR: 'the supplicant had an internal error (internal_error)',
};

export function explainTlsError(e: Error & { code?: string }): string {
  const code = e.code ?? '';
  const m = /^ERR_SSL_(?:TLSV1|SSLV3|TLSV13)_ALERT_(.+)$/.exec(code);
  if (m) {
    const name = m[1]!;
    return `TLS alert ${name.toLowerCase()} from the supplicant: ${PEER_ALERT_MEANING[name] ?? 'it ended the handshake'}`;
  }
  if (code === 'ERR_SSL_NO_SHARED_CIPHER') return 'no TLS cipher suite in common with the supplicant';
  if (code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return `the supplicant offered a TLS version outside radius.eap.tls (${code})`;
  return `TLS failed: ${e.message.split('\n')[0]}${code ? ` (${code})` : ''}`;
}
