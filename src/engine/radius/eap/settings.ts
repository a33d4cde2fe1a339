import type { LoadedLab } from '../../config/loaded-lab';
import type { EapConfig } from '../../config/schema';
import { DEFAULT_EAP_LIMITS, type EapLimits } from './conversation-table';
import type { EapTlsSettings } from './method';

const TLS_VERSION = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' } as const;

/** `radius.eap`, or undefined when the lab does not enable EAP. */
export function eapConfig(lab: LoadedLab): EapConfig | undefined {
  return lab.config.radius?.eap;
}

/** The TLS methods' settings from `radius.eap` (files already read by the loader), if it names a certificate. */
export function eapTlsSettings(lab: LoadedLab): EapTlsSettings | undefined {
  const e = eapConfig(lab);
  const m = lab.tls.eap;
  if (!e || !m) return undefined;
  return {
    cert: m.cert,
    key: m.key,
    ca: m.ca,
    minVersion: TLS_VERSION[e.tls.minVersion],
    maxVersion: TLS_VERSION[e.tls.maxVersion],
    fragmentSize: e.fragmentSize,
    identityFromCertificate: e.identityFromCertificate,
    resumption: e.tls.resumption,
    fastReconnect: e.tls.resumption && e.tls.fastReconnect,
  };
}

export function eapLimits(lab: LoadedLab): EapLimits {
  return eapConfig(lab)?.limits ?? DEFAULT_EAP_LIMITS;
}
