import type { TLSSocket } from 'node:tls';

/**
 * The MSK from the TLS exporter (RFC 5705 / RFC 8446 §7.5), 64 bytes (RFC 5247).
 * - TLS 1.2: RFC 5216 §2.3 "client EAP encryption" for EAP-TLS and PEAP, RFC 5281 §8
 *   "ttls keying material" for TTLS, no context (the PRF seed is client.random || server.random).
 * - TLS 1.3: RFC 9190 §2.3 (EAP-TLS) and RFC 9427 §2.1 (TTLS, PEAP):
 *   Key_Material = TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", Type-Code, 128); MSK = [0..63].
 */
export type TunnelMethod = 'tls' | 'peap' | 'ttls';

const TYPE_CODE: Record<TunnelMethod, number> = { tls: 13, ttls: 21, peap: 25 };
const TLS12_LABEL: Record<TunnelMethod, string> = {
  tls: 'client EAP encryption',
  peap: 'client EAP encryption',
  ttls: 'ttls keying material',
};

export interface KeyingMaterial {
  msk: Buffer;
  emsk: Buffer;
  label: string;
}

export function exportKeys(
  socket: Pick<TLSSocket, 'exportKeyingMaterial' | 'getProtocol'>,
  method: TunnelMethod,
): KeyingMaterial {
  if (socket.getProtocol() === 'TLSv1.3') {
    const label = 'EXPORTER_EAP_TLS_Key_Material';
    const km = socket.exportKeyingMaterial(128, label, Buffer.of(TYPE_CODE[method]));
    return { msk: km.subarray(0, 64), emsk: km.subarray(64), label };
  }
  const label = TLS12_LABEL[method];
  const km = exportWithoutContext(socket, 128, label);
  return { msk: km.subarray(0, 64), emsk: km.subarray(64), label };
}

/** RFC 5705 §4: TLS 1.2 EAP labels are used with no context at all, which differs from an empty one;
 * Node omits the context when the argument is absent, though its types ask for one. */
export function exportWithoutContext(
  socket: Pick<TLSSocket, 'exportKeyingMaterial'>,
  length: number,
  label: string,
): Buffer {
  const exporter = socket.exportKeyingMaterial.bind(socket) as (n: number, l: string) => Buffer;
  return exporter(length, label);
}
