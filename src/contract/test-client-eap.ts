import { z } from 'zod';
import { assertionSchema, exchangeEntrySchema, expectationSchema } from './test-client';
import { labViewSchema } from './lab-view';

/**
 * The Test client's EAP request (`client.eap`): a whole EAP conversation over RADIUS as a supplicant
 * (RFC 3579), against this lab or any other server. Certificates are PEM text (the renderer and the
 * REST caller send what they hold; the engine reads no path a caller names).
 */
export const EAP_CLIENT_METHOD_NAMES = ['md5', 'gtc', 'peap', 'ttls-pap', 'ttls-mschapv2', 'tls'] as const;

const pem = z.string().max(65_536).optional();

export const eapRequestSchema = z.object({
  host: z.string().trim().min(1, 'a server address is required').max(255),
  port: z.number().int().min(1).max(65535),
  secret: z.string().min(1, 'a shared secret is required').max(1024),
  method: z.enum(EAP_CLIENT_METHOD_NAMES),
  user: z.string().min(1, 'a user is required').max(253),
  /** Not used by tls. */
  password: z.string().max(1024).default(''),
  /** PEAP/TTLS outer identity; default "anonymous". */
  outerIdentity: z.string().max(253).optional(),
  /** CA the server certificate must chain to; without it the certificate is reported unverified. */
  ca: pem,
  serverName: z.string().max(253).optional(),
  /** tls: the client certificate and key. */
  cert: pem,
  key: pem,
  tlsMaxVersion: z.enum(['1.2', '1.3']).default('1.3'),
  /** Largest TLS payload per EAP-Response (L/M/S fragmentation, RFC 5216 §2.1.5); default 1020. */
  fragmentSize: z.number().int().min(64, 'at least 64 bytes').max(4096, 'at most 4096 bytes').optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(3000),
  retries: z.number().int().min(0).max(10).default(0),
  /** As for RADIUS requests: "accept"/"pass", "reject"/"fail", "no-reply", reply attributes. */
  expect: expectationSchema.optional(),
});
export type EapRequest = z.input<typeof eapRequestSchema>;

export const eapRoundSchema = z.object({
  round: z.number(),
  sent: z.string(),
  reply: z.string(),
  received: z.string().optional(),
  note: z.string().optional(),
});

export const eapResultSchema = z.object({
  outcome: z.enum(['accept', 'reject', 'failure']),
  rounds: z.array(eapRoundSchema),
  failedRound: z.number().optional(),
  reason: z.string().optional(),
  /** Did MS-MPPE-Recv/Send-Key of the Accept equal the MSK we derived (TLS-based methods)? */
  mppe: z.enum(['match', 'mismatch', 'missing']).optional(),
  notes: z.array(z.string()),
  replyAttributes: z.array(z.tuple([z.string(), z.string()])),
  exchange: z.array(exchangeEntrySchema),
  assertions: z.array(assertionSchema),
  /** The whole conversation, first request to final reply. */
  durationMs: z.number(),
  lab: labViewSchema.optional(),
});
export type EapResultDto = z.infer<typeof eapResultSchema>;

export const eapClientProcedures = {
  'client.eap': { input: eapRequestSchema, output: eapResultSchema },
} as const;
