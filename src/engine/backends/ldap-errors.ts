import { ResultCodeError } from 'ldapts';

/** How an LDAP operation failed, for the Decision's reason and the backend status. */
export interface LdapFailure {
  /** result: the server answered with an LDAP result code; unreachable/timeout/tls: no answer. */
  kind: 'result' | 'unreachable' | 'timeout' | 'tls' | 'other';
  /** "invalid credentials (49)", "connect ECONNREFUSED", "no answer within 3000 ms". */
  text: string;
  code?: number;
}

/** Thrown by our own deadline; carries the configured budget for the message. */
export class LdapTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'LdapTimeout';
  }
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

/** "InvalidCredentialsError" → "invalid credentials" (the RFC 4511 §4.1.9 result name in words). */
function resultName(e: ResultCodeError): string {
  const base = e.constructor.name.replace(/Error$/, '');
  const words = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words === 'unknown status code' || words === '' ? 'LDAP error' : words;
}

export function describeLdapError(e: unknown, timeoutMs?: number): LdapFailure {
  if (e instanceof ResultCodeError)
    return { kind: 'result', text: `${resultName(e)} (${e.code})`, code: e.code };
  if (e instanceof LdapTimeout) return { kind: 'timeout', text: e.message };
  const err = e as NodeJS.ErrnoException & { reason?: string };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = String(err?.message ?? e);
  if (code && NETWORK.has(code)) return { kind: 'unreachable', text: `${err.syscall ?? 'connect'} ${code}` };
  if (
    code &&
    (code.startsWith('ERR_TLS') ||
      code.includes('CERT') ||
      code.startsWith('ERR_SSL') ||
      code.includes('SELF_SIGNED'))
  ) {
    // Certificate trust is the usual LDAPS/StartTLS failure: say what to change, not just the code.
    const hint =
      code.includes('CERT') || code.includes('SELF_SIGNED')
        ? ` (the directory's certificate is not trusted: set tlsCa to the CA that signed it)`
        : '';
    return { kind: 'tls', text: `TLS ${code}${err.reason ? `: ${err.reason}` : ''}${hint}` };
  }
  if (/Connection timeout|timed out/i.test(message)) {
    return {
      kind: 'timeout',
      text: timeoutMs !== undefined ? `no answer within ${timeoutMs} ms` : 'timed out',
    };
  }
  if (/Socket error|Connection closed/i.test(message))
    return { kind: 'unreachable', text: `connection lost (${message.split('\n').pop()})` };
  return { kind: 'other', text: message.split('\n')[0] ?? 'unknown error' };
}

/** Whether the connection that saw this error should be thrown away rather than reused. */
export function breaksConnection(f: LdapFailure): boolean {
  return f.kind !== 'result';
}
