/**
 * What a protocol hands a backend to check. `password` for PAP and ASCII; `challenge` for CHAP and
 * MS-CHAP, where only a backend that holds the cleartext can answer: `verify` recomputes the response
 * from a candidate cleartext (and may remember what it needs for the reply, e.g. the MS-CHAPv2
 * authenticator response), so the cleartext never leaves the backend.
 */
export type Credentials =
  | { kind: 'password'; password: string }
  | {
      kind: 'challenge';
      /** EAP-MD5 is CHAP's computation over EAP (RFC 3748 §5.4): a cleartext is needed the same way. */
      method: 'CHAP' | 'MS-CHAPv1' | 'MS-CHAPv2' | 'EAP-MD5';
      verify(cleartext: string): boolean;
    };

export type AuthService = 'login' | 'enable';

export interface BackendResult {
  /** allow: credentials good (or, for lookup, the user exists); deny: known user, bad credentials;
   * unknown-user: try the next backend; error: the backend could not answer (try the next);
   * challenge: the first factor passed and the backend asks for a code (`challenge`). */
  status: 'allow' | 'deny' | 'unknown-user' | 'error' | 'challenge';
  /** Lab groups (directory groups already mapped). */
  readonly groups: readonly string[];
  /** Steps for the Decision, e.g. "LDAP bind as uid=bob,… failed: invalid credentials (49) in 12 ms".
   * Read-only: the local backend hands out one frozen result per user, check and outcome. */
  readonly reasons: readonly string[];
  ms: number;
  /** With status 'challenge': what to ask the user and how to answer (Okta MFA_REQUIRED, TOTP). */
  challenge?: BackendChallenge;
}

/** A second factor the backend checks itself (the code goes back to it, e.g. Okta's verify call). */
export interface BackendChallenge {
  /** "Okta Verify code: " — what the device shows. */
  prompt: string;
  /** The factor in words for the Decision ("Okta TOTP (token:software:totp, GOOGLE)"). */
  factor: string;
  /** Checks the code once; the challenge is spent afterwards. */
  answer(code: string): Promise<BackendResult>;
}

export interface AuthBackend {
  readonly name: string;
  readonly type: 'local' | 'ldap' | 'oidc' | 'okta';
  authenticate(username: string, credentials: Credentials, service: AuthService): Promise<BackendResult>;
  /** Groups of a user without credentials (authorization after a login, "why?" explanations). */
  lookup(username: string): Promise<BackendResult>;
  close(): Promise<void>;
}
