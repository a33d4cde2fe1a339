import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fixture certificates a FreeRADIUS peer's EAP module serves (paths to PEM files). */
export interface FreeRadiusEapCerts {
  cert: string;
  key: string;
  ca: string;
}

/**
 * A minimal FreeRADIUS 3.2 `eap` module: md5, gtc, EAP-TLS, TTLS and PEAP (MSCHAPv2 inside) with the
 * lab's fixture server certificate, TLS 1.2 (3.2 calls its TLS 1.3 support experimental), and the
 * inner-tunnel server for PEAP/TTLS. Copies the certificates into `dir` (FreeRADIUS runs as freerad).
 */
export function writeEapConfig(dir: string, certs: FreeRadiusEapCerts): { eap: string; inner: string } {
  for (const [from, to] of [
    [certs.cert, 'lab-server.pem'],
    [certs.key, 'lab-server.key'],
    [certs.ca, 'lab-ca.pem'],
  ] as const)
    copyFileSync(from, join(dir, to));
  const eap = `eap {
  default_eap_type = md5
  timer_expire = 60
  ignore_unknown_eap_types = no
  max_sessions = 4096
  md5 {
  }
  gtc {
    auth_type = PAP
  }
  tls-config tls-common {
    private_key_file = ${join(dir, 'lab-server.key')}
    certificate_file = ${join(dir, 'lab-server.pem')}
    ca_file = ${join(dir, 'lab-ca.pem')}
    cipher_list = "DEFAULT"
    tls_min_version = "1.2"
    tls_max_version = "1.2"
    cache {
      enable = no
    }
  }
  tls {
    tls = tls-common
  }
  ttls {
    tls = tls-common
    default_eap_type = md5
    virtual_server = "inner-tunnel"
  }
  peap {
    tls = tls-common
    default_eap_type = mschapv2
    virtual_server = "inner-tunnel"
  }
  mschapv2 {
  }
}
`;
  const inner = `server inner-tunnel {
authorize {
  mschap
  eap {
    ok = return
  }
  files
  pap
}
authenticate {
  Auth-Type PAP {
    pap
  }
  Auth-Type MS-CHAP {
    mschap
  }
  eap
}
post-auth {
  ok
}
}
`;
  return { eap, inner };
}
