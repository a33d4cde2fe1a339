import { z } from 'zod';
import { Secret } from '../secret';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The Okta backend on Okta's Authentication API (POST /api/v1/authn) with an SSWS API token: the
 * integration Okta recommends for a trusted server (the password grant stays `type: oidc`).
 * `orgUrl` is the org's base URL; plain http is refused except on loopback (a local stand-in),
 * because the API token would otherwise cross the network in clear.
 */
export const oktaBackend = z.strictObject(
  {
    type: z.literal('okta'),
    name: z.string().min(1).default('okta'),
    orgUrl: z
      .string()
      .url('must be the org URL, e.g. https://example.okta.com')
      .superRefine((v, ctx) => {
        const u = new URL(v);
        if (u.protocol === 'https:') return;
        if (u.protocol === 'http:' && LOOPBACK.test(u.hostname)) return;
        ctx.addIssue({
          code: 'custom',
          message:
            'must be https:// (http:// only for a loopback stand-in: the API token would travel in clear)',
        });
      })
      .transform((v) => v.replace(/\/+$/, '')),
    /** Okta API token (Admin → Security → API → Tokens), sent as `Authorization: SSWS <token>`. */
    apiToken: z
      .string()
      .min(1, 'must not be empty')
      .transform((v) => new Secret(v)),
    /** Per HTTP request to Okta. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    /** Which enrolled factor to use when Okta answers MFA_REQUIRED and the user has both. */
    preferFactor: z.enum(['push', 'totp']).default('push'),
    /** Longest wait for a push approval; keep it under the device's timeout × retries. */
    pushTimeoutS: z.number().int().min(1).max(300).default(30),
    /** Push poll interval (Okta documents no interval, only "keep polling while WAITING"; its
     * okta-auth-js SDK polls every 500 ms, the floor here). */
    pollIntervalMs: z.number().int().min(500).max(10_000).default(1000),
    /** Fetch the user's Okta groups (GET /api/v1/users/{id}/groups) and map them to lab groups. */
    groups: z.boolean().default(true),
    groupMap: z.record(z.string(), z.string()).default({}),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys' && iss.keys.some((k) => k === 'issuerUrl' || k === 'clientId')
        ? `type: okta uses Okta's Authn API (orgUrl, apiToken); for the OpenID password grant (${iss.keys.join(', ')}) use type: oidc`
        : undefined,
  },
);

export type OktaConfig = z.output<typeof oktaBackend>;
