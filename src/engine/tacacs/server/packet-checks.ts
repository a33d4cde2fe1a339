import { Flags, typeName } from '../codec/constants';
import { sessionHex, type Header } from '../codec/packet';

/** Open sessions one connection may hold (a client multiplexing more is refused). */
export const MAX_SESSIONS = 1024;

/**
 * Why a packet's flags do not fit its transport and device, if they do not: over TLS packets are
 * UNENCRYPTED (RFC 9887); over TCP they are obfuscated exactly when the device has a secret.
 */
export function flagProblem(
  h: Header,
  transport: 'tcp' | 'tls',
  device: string,
  hasKey: boolean,
): string | undefined {
  const unenc = (h.flags & Flags.UNENCRYPTED) !== 0;
  if (transport === 'tls') {
    return unenc
      ? undefined
      : 'obfuscated packet inside TLS: RFC 9887 requires the UNENCRYPTED flag over TLS';
  }
  if (unenc && hasKey)
    return `device ${device} sent cleartext (UNENCRYPTED flag) but has a secret configured: refused`;
  if (!unenc && !hasKey)
    return `device ${device} sent an obfuscated packet but no tacacsSecret is configured for it`;
  return undefined;
}

/** Why a packet's seq_no or type does not fit its session (RFC 8907 §4.1), if it does not. */
export function seqProblem(
  h: Header,
  s: { nextSeq: number; type: number } | undefined,
  openSessions: number,
): string | undefined {
  if (!s && h.seqNo !== 1)
    return `seq_no ${h.seqNo} for session ${sessionHex(h.sessionId)}, which is not open (a session starts at 1, RFC 8907 §4.1)`;
  if (s && h.seqNo !== s.nextSeq)
    return `seq_no ${h.seqNo} where ${s.nextSeq} was expected (RFC 8907 §4.1): session terminated`;
  if (s && h.type !== s.type) return `${typeName(h.type)} packet in a ${typeName(s.type)} session`;
  if (!s && openSessions >= MAX_SESSIONS)
    return `too many concurrent sessions on one connection (${MAX_SESSIONS})`;
  return undefined;
}
