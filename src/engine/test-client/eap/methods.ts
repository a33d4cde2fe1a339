import { EAP_TYPE } from '../../radius/eap/method';
import { PeapInnerPeer } from './inner-peap';
import { TtlsInnerPeer } from './inner-ttls';
import { gtcPeer, md5Peer, type PeerMethod } from './peer-method';
import { TunnelPeer, type PeerTls } from './tunnel-peer';

export const EAP_CLIENT_METHODS = ['md5', 'gtc', 'peap', 'ttls-pap', 'ttls-mschapv2', 'tls'] as const;
export type EapClientMethod = (typeof EAP_CLIENT_METHODS)[number];

export interface PeerCredentials {
  user: string;
  password: string;
  tls: PeerTls;
}

export function createPeer(method: EapClientMethod, c: PeerCredentials): PeerMethod {
  switch (method) {
    case 'md5':
      return md5Peer(c.password);
    case 'gtc':
      return gtcPeer(c.password);
    case 'peap':
      return new TunnelPeer(EAP_TYPE.PEAP, 'PEAP', 'peap', c.tls, new PeapInnerPeer(c.user, c.password));
    case 'ttls-pap':
      return new TunnelPeer(
        EAP_TYPE.TTLS,
        'EAP-TTLS',
        'ttls',
        c.tls,
        new TtlsInnerPeer('pap', c.user, c.password),
      );
    case 'ttls-mschapv2':
      return new TunnelPeer(
        EAP_TYPE.TTLS,
        'EAP-TTLS',
        'ttls',
        c.tls,
        new TtlsInnerPeer('mschapv2', c.user, c.password),
      );
    case 'tls':
      return new TunnelPeer(EAP_TYPE.TLS, 'EAP-TLS', 'tls', c.tls);
  }
}

/** Tunnelled methods hide the user behind an outer identity (RFC 5281 §7.3, [MS-PEAP] §3.1.5.2). */
export function isTunnelled(m: EapClientMethod): boolean {
  return m === 'peap' || m.startsWith('ttls');
}
