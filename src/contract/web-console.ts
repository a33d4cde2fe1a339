import { z } from 'zod';

/**
 * The desktop app's "Sign in to the web console": OpenID Connect in the system browser with a
 * loopback redirect (RFC 8252), ending in an admin session of the embedded web listener in that
 * browser. Resolves once the provider has answered; `unavailable` in `aaa-lab serve` (a browser
 * there signs in at /admin/login itself) or when OpenID is not configured, `unauthorized` when the
 * login fails.
 */
export const webConsoleProcedures = {
  'webConsole.signIn': {
    input: z.object({}).default({}),
    output: z.object({ email: z.string() }),
  },
} as const;
