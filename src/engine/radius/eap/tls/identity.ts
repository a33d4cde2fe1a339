import type { X509Certificate } from 'node:crypto';
import type { EapTlsSettings } from '../method';

/**
 * Which name in a client certificate is the user (radius.eap.identityFromCertificate). Node prints
 * subjects one "KEY=value" per line and subjectAltName as "DNS:a, email:b, othername:UPN:c", with
 * values holding a comma or quote JSON-quoted (since the CVE-2021-44532 fix).
 */
export type IdentitySource = EapTlsSettings['identityFromCertificate'];

const SAN_PREFIX: Record<Exclude<IdentitySource, 'cn'>, string> = {
  'san-email': 'email',
  'san-dns': 'DNS',
  'san-upn': 'othername:UPN',
};

export function certificateIdentity(
  cert: Pick<X509Certificate, 'subject' | 'subjectAltName'>,
  from: IdentitySource,
): { identity: string } | { missing: string } {
  if (from === 'cn') {
    const cn = cert.subject
      .split('\n')
      .find((l) => l.startsWith('CN='))
      ?.slice(3);
    return cn ? { identity: unquote(cn) } : { missing: 'the subject has no CN' };
  }
  const prefix = SAN_PREFIX[from];
  const hit = splitSan(cert.subjectAltName ?? '').find((e) => e.startsWith(`${prefix}:`));
  return hit
    ? { identity: unquote(hit.slice(prefix.length + 1)) }
    : {
        missing: `the subjectAltName has no ${prefix} entry (${cert.subjectAltName ?? 'no subjectAltName at all'})`,
      };
}

/** Splits Node's subjectAltName text on ", " outside JSON-quoted values. */
export function splitSan(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && ch === ',' && text[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function unquote(v: string): string {
  if (!v.startsWith('"')) return v;
  try {
    return JSON.parse(v) as string;
  } catch {
    return v;
  }
}
