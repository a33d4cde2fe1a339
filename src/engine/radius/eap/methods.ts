import { gtcMethod } from './gtc/gtc';
import { md5Method } from './md5/md5';
import { EAP_TYPE, type EapMethodFactory, type EapMethodName } from './method';
import { peapMethod } from './peap/peap';
import { eapTls } from './tls/eap-tls';
import { ttlsMethod } from './ttls/ttls';

/** The EAP type each lab-file method name negotiates (RFC 3748 §5, IANA "EAP Method Types"). */
export const METHOD_TYPES: Readonly<Record<EapMethodName, number>> = {
  md5: EAP_TYPE.MD5,
  gtc: EAP_TYPE.GTC,
  tls: EAP_TYPE.TLS,
  peap: EAP_TYPE.PEAP,
  ttls: EAP_TYPE.TTLS,
};

/**
 * The method implementations by lab-file name. A name without an entry is not offered to
 * supplicants (the server logs that once). The TLS-based methods register here beside these.
 */
export const METHOD_FACTORIES: Partial<Record<EapMethodName, EapMethodFactory>> = {
  md5: md5Method,
  gtc: gtcMethod,
  tls: eapTls,
  peap: peapMethod,
  ttls: ttlsMethod,
};

/** The lab-file name for an EAP type, if it is one of ours. */
export function methodForType(type: number): EapMethodName | undefined {
  for (const [name, t] of Object.entries(METHOD_TYPES)) if (t === type) return name as EapMethodName;
  return undefined;
}
