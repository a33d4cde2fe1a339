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
   * unknown-user: try the next backend; error: the backend could not answer (try the next). */
  status: 'allow' | 'deny' | 'unknown-user' | 'error';
  /** Lab groups (directory groups already mapped). */
  groups: string[];
  /** Steps for the Decision, e.g. "LDAP bind as uid=bob,… failed: invalid credentials (49) in 12 ms". */
  reasons: string[];
  ms: number;
}

export interface AuthBackend {
  readonly name: string;
  readonly type: 'local' | 'ldap' | 'oidc' | 'okta';
  authenticate(username: string, credentials: Credentials, service: AuthService): Promise<BackendResult>;
  /** Groups of a user without credentials (authorization after a login, "why?" explanations). */
  lookup(username: string): Promise<BackendResult>;
  close(): Promise<void>;
}
