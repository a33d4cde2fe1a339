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

/** One backend's health: from checks (periodic, on demand) and from real logins. Times in ms since the epoch. */
export const backendHealthSchema = z.object({
  name: z.string(),
  type: z.enum(['local', 'ldap', 'oidc', 'okta']),
  /** Undefined until checked or used. */
  reachable: z.boolean().optional(),
  checkedAt: z.number().optional(),
  /** The last check's (or successful login's) round trip. */
  latencyMs: z.number().optional(),
  /** The last check's final step ("lab-directory: service bind and base search of ou=people… in 3 ms"). */
  detail: z.string().optional(),
  /** Secrets are masked by the backend before they get here. */
  lastError: z.string().optional(),
  lastErrorAt: z.number().optional(),
  lastAuth: z
    .object({
      at: z.number(),
      kind: z.enum(['login', 'lookup']),
      status: z.enum(['allow', 'deny', 'unknown-user', 'error', 'challenge']),
      ms: z.number(),
    })
    .optional(),
});
export type BackendHealth = z.infer<typeof backendHealthSchema>;
export const backendsHealthOutputSchema = z.object({
  backends: z.array(backendHealthSchema),
  /** backendHealth.intervalS of the lab: 0 when periodic checks are off. */
  intervalS: z.number(),
});

/** Checks now: one backend by name, or every backend. */
export const backendsCheckInputSchema = z.object({ backend: z.string().min(1).optional() }).default({});

export const backendsProcedures = {
  'backends.test': { input: backendTestInputSchema, output: backendTestOutputSchema },
  'backends.health': { input: z.object({}).default({}), output: backendsHealthOutputSchema },
  'backends.check': { input: backendsCheckInputSchema, output: backendsHealthOutputSchema },
} as const;
