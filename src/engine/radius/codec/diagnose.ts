import { Buffer } from 'node:buffer';
import type { Secret } from '../../secret';
import { ATTR } from './constants';
import { looksClean, unhidePasswordPadded } from './hiding';
import type { AttributeIndex } from './attribute-index';
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
 * then whether User-Password decrypts to clean text — and say which one matches. `packet`: the
 * index of a well-formed packet (a decoded message's `index`); nothing else is decoded.
 */
export function diagnoseSecret(
  packet: AttributeIndex,
  candidates: readonly KnownSecret[],
  requestAuthenticator?: Uint8Array,
): SecretDiagnosis {
  const evidence = evidenceOf(packet, requestAuthenticator);
  if (evidence === 'none') {
    return {
      evidence,
      matches: [],
      text: 'the packet carries no authenticator, Message-Authenticator or User-Password to test secrets against',
    };
  }
  const matches = candidates.filter((c) =>
    matchesSecret(packet, secretBytes(c.secret.reveal()), evidence, requestAuthenticator),
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

function evidenceOf(packet: AttributeIndex, requestAuthenticator?: Uint8Array): SecretEvidence {
  const probe = requestAuthenticator
    ? verifyResponse(packet.bytes, requestAuthenticator, Buffer.alloc(0), packet)
    : verifyRequest(packet.bytes, Buffer.alloc(0), packet);
  if (requestAuthenticator || probe.authenticator !== 'absent') return 'authenticator';
  if (probe.messageAuthenticator !== 'absent') return 'message-authenticator';
  if (packet.find(ATTR.UserPassword) >= 0) return 'user-password';
  return 'none';
}

function matchesSecret(
  packet: AttributeIndex,
  secret: Buffer,
  evidence: SecretEvidence,
  requestAuthenticator?: Uint8Array,
): boolean {
  const bytes = packet.bytes;
  if (evidence === 'user-password') {
    const value = packet.value(packet.find(ATTR.UserPassword));
    try {
      return looksClean(unhidePasswordPadded(value, secret, bytes.subarray(4, 20)));
    } catch {
      return false;
    }
  }
  const r = requestAuthenticator
    ? verifyResponse(bytes, requestAuthenticator, secret, packet)
    : verifyRequest(bytes, secret, packet);
  return evidence === 'authenticator' ? r.authenticator === 'ok' : r.messageAuthenticator === 'ok';
}
