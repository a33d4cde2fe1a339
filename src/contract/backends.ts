import { z } from 'zod';

/** The Backends screen's "test" button: one PAP-style login against one configured backend, step by step. */
export const backendTestInputSchema = z.object({
  /** A backend's `name` in the lab file's `backends:` list ("local", "lab-directory", …). */
  backend: z.string().min(1),
  username: z.string().min(1).max(256),
  /** Sent to the backend only; never echoed, logged or traced. */
  password: z.string().max(1024),
  /** A second factor's code, for a backend that asks for one (Okta TOTP); never echoed either. */
  code: z.string().max(64).optional(),
});

export const backendTestOutputSchema = z.object({
  backend: z.string(),
  type: z.enum(['local', 'ldap', 'oidc', 'okta']),
  allow: z.boolean(),
  /** allow | deny (known user, bad credentials) | unknown-user | error (backend could not answer) |
   * challenge (password ok, the backend asks for a code: test again with `code`). */
  status: z.enum(['allow', 'deny', 'unknown-user', 'error', 'challenge']),
  /** Lab groups after groupMap. */
  groups: z.array(z.string()),
  ms: z.number(),
  /** Each step, e.g. "lab-directory: LDAP bind as uid=carol,… succeeded in 2 ms". */
  steps: z.array(z.string()),
});
export type BackendTestOutput = z.infer<typeof backendTestOutputSchema>;

export const backendsProcedures = {
  'backends.test': { input: backendTestInputSchema, output: backendTestOutputSchema },
} as const;
