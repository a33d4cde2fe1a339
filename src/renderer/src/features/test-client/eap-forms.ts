import type { EapRequest } from '../../../../contract/test-client-eap';
import { expectation, opt, str } from './form-text';
import { radiusPortFor, type LabPorts } from './forms';

export type EapMethod = EapRequest['method'];

/** The 802.1X (EAP) form, text as typed; the request is built on send and validated by the engine. */
export interface EapForm {
  method: EapMethod;
  host: string;
  port: string;
  secret: string;
  /** PEAP/TTLS outer identity (the User-Name the switch sees). */
  outerIdentity: string;
  user: string;
  password: string;
  /** PEM text: the CA the server certificate must chain to, and (tls) our certificate and key. */
  ca: string;
  serverName: string;
  cert: string;
  key: string;
  tlsMaxVersion: '1.2' | '1.3';
  fragmentSize: string;
  timeoutMs: string;
  retries: string;
  expectStatus: string;
  expectAttributes: string;
}

export const EAP_METHODS: ReadonlyArray<readonly [EapMethod, string]> = [
  ['peap', 'PEAP (EAP-MSCHAPv2)'],
  ['ttls-pap', 'EAP-TTLS / PAP'],
  ['ttls-mschapv2', 'EAP-TTLS / MS-CHAPv2'],
  ['tls', 'EAP-TLS (client certificate)'],
  ['md5', 'EAP-MD5'],
  ['gtc', 'EAP-GTC'],
];

export const usesTls = (m: EapMethod): boolean => m === 'peap' || m.startsWith('ttls') || m === 'tls';
export const usesTunnel = (m: EapMethod): boolean => m === 'peap' || m.startsWith('ttls');

export function defaultEapForm(p: LabPorts): EapForm {
  return {
    method: 'peap',
    host: p.host,
    port: radiusPortFor('auth', p),
    secret: '',
    outerIdentity: 'anonymous',
    user: '',
    password: '',
    ca: '',
    serverName: '',
    cert: '',
    key: '',
    tlsMaxVersion: '1.3',
    fragmentSize: '1020',
    // A TLS handshake is a dozen rounds: each gets the timeout.
    timeoutMs: '3000',
    retries: '0',
    expectStatus: '',
    expectAttributes: '',
  };
}

export function eapRequest(f: EapForm): EapRequest {
  const tls = usesTls(f.method);
  return {
    method: f.method,
    host: f.host.trim(),
    port: Number(f.port),
    secret: f.secret,
    user: f.user,
    password: f.method === 'tls' ? '' : f.password,
    outerIdentity: usesTunnel(f.method) ? opt(f.outerIdentity) : undefined,
    ca: tls ? opt(f.ca) : undefined,
    serverName: tls ? opt(f.serverName) : undefined,
    cert: f.method === 'tls' ? opt(f.cert) : undefined,
    key: f.method === 'tls' ? opt(f.key) : undefined,
    tlsMaxVersion: f.tlsMaxVersion,
    fragmentSize: tls && opt(f.fragmentSize) ? Number(f.fragmentSize) : undefined,
    timeoutMs: Number(f.timeoutMs),
    retries: Number(f.retries),
    expect: expectation(f.expectStatus, f.expectAttributes),
  };
}

/** A saved request back into the form; absent secrets (listing) stay as the user typed them. */
export function eapFormFrom(r: Partial<EapRequest>, base: EapForm): EapForm {
  return {
    ...base,
    method: r.method ?? base.method,
    host: str(r.host, base.host),
    port: str(r.port, base.port),
    secret: r.secret ?? base.secret,
    outerIdentity: str(r.outerIdentity, usesTunnel(r.method ?? base.method) ? 'anonymous' : ''),
    user: str(r.user),
    password: r.password ?? base.password,
    ca: str(r.ca),
    serverName: str(r.serverName),
    cert: str(r.cert),
    key: r.key ?? base.key,
    tlsMaxVersion: r.tlsMaxVersion ?? base.tlsMaxVersion,
    fragmentSize: str(r.fragmentSize, base.fragmentSize),
    timeoutMs: str(r.timeoutMs, base.timeoutMs),
    retries: str(r.retries, base.retries),
    expectStatus: str(r.expect?.status),
    expectAttributes: (r.expect?.attributes ?? []).join('\n'),
  };
}
