import type { Secret } from '../../secret';
import { ATTR } from './constants';
import { looksClean, unhidePasswordPadded } from './hiding';
import { attributeOffset } from './packet';
import { secretBytes, verifyRequest, verifyResponse } from './sign';

/** A secret the lab knows, with whose it is (never printed: only `owner` appears in messages). */
export interface KnownSecret {
  owner: string;
  secret: Secret;
}

export type SecretEvidence = 'authenticator' | 'message-authenticator' | 'user-password' | 'none';

export interface SecretDiagnosis {
  /** Which check the verdict rests on. 'none': the packet carries nothing a secret can be tested against. */
  evidence: SecretEvidence;
  matches: KnownSecret[];
  text: string;
}

/**
 * Wrong-secret diagnosis (the tacquito `detectBadSecret` idea): test the packet against every secret the
 * lab knows using the strongest evidence it carries — computed authenticator, Message-Authenticator,
 * then whether User-Password decrypts to clean text — and say which one matches. `bytes`: a packet
 * checkPacket accepted, cut to its Length (a decoded message's `bytes`); nothing else is decoded.
 */
export function diagnoseSecret(
  bytes: Buffer,
  candidates: readonly KnownSecret[],
  requestAuthenticator?: Uint8Array,
): SecretDiagnosis {
  const evidence = evidenceOf(bytes, requestAuthenticator);
  if (evidence === 'none') {
    return {
      evidence,
      matches: [],
      text: 'the packet carries no authenticator, Message-Authenticator or User-Password to test secrets against',
    };
  }
  const matches = candidates.filter((c) =>
    matchesSecret(bytes, secretBytes(c.secret.reveal()), evidence, requestAuthenticator),
  );
  const how =
    evidence === 'user-password'
      ? 'User-Password decrypts cleanly'
      : `the ${evidence === 'authenticator' ? 'authenticator' : 'Message-Authenticator'} verifies`;
  const text = matches.length
    ? `${how} with the secret of ${matches.map((m) => m.owner).join(', ')}`
    : `no secret known to the lab matches (checked ${candidates.length} by ${evidence}): the sender uses a secret the lab does not have`;
  return { evidence, matches, text };
}

function evidenceOf(bytes: Buffer, requestAuthenticator?: Uint8Array): SecretEvidence {
  const probe = requestAuthenticator
    ? verifyResponse(bytes, requestAuthenticator, Buffer.alloc(0))
    : verifyRequest(bytes, Buffer.alloc(0));
  if (requestAuthenticator || probe.authenticator !== 'absent') return 'authenticator';
  if (probe.messageAuthenticator !== 'absent') return 'message-authenticator';
  if (attributeOffset(bytes, ATTR.UserPassword) >= 0) return 'user-password';
  return 'none';
}

function matchesSecret(
  bytes: Buffer,
  secret: Buffer,
  evidence: SecretEvidence,
  requestAuthenticator?: Uint8Array,
): boolean {
  if (evidence === 'user-password') {
    const off = attributeOffset(bytes, ATTR.UserPassword);
    const value = bytes.subarray(off + 2, off + bytes[off + 1]!);
    try {
      return looksClean(unhidePasswordPadded(value, secret, bytes.subarray(4, 20)));
    } catch {
      return false;
    }
  }
  const r = requestAuthenticator
    ? verifyResponse(bytes, requestAuthenticator, secret)
    : verifyRequest(bytes, secret);
  return evidence === 'authenticator' ? r.authenticator === 'ok' : r.messageAuthenticator === 'ok';
}
