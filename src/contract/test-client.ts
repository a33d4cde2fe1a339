import { z } from 'zod';
import { fieldNodeSchema } from './trace';
import { labViewSchema } from './lab-view';

/**
 * The Test client screen (DESIGN.md §4): TACACS+ and RADIUS requests against this lab or any other
 * server, expected-result assertions and saved requests. Each packet sent or received is also
 * recorded in the packet trace (role "client").
 */

/**
 * Expected result. `status`: "pass" (TACACS+ PASS/PASS_ADD/PASS_REPL/SUCCESS; RADIUS Access-Accept,
 * Accounting-Response, CoA-ACK, Disconnect-ACK), "fail" (a reply that is not a pass), "no-reply"
 * (timeout or connection error), or an exact status/code name ("PASS_ADD", "Access-Challenge",
 * "CoA-NAK"), compared case-insensitively. `attributes`: "Name=value" that must be in the reply
 * (RADIUS attributes; TACACS+ AV pairs, "priv-lvl=15").
 */
/**
 * The status of a request that got no valid reply, for TACACS+ and RADIUS alike (timeout, connection
 * refused, or a reply that did not decode / verify with the secret given); `error` says which.
 */
export const NO_REPLY = 'no-reply';

export const expectationSchema = z.object({
  status: z.string().trim().max(64).optional(),
  attributes: z.array(z.string().trim().min(1).max(1024)).max(64).default([]),
});
export type Expectation = z.infer<typeof expectationSchema>;

export const assertionSchema = z.object({ what: z.string(), ok: z.boolean(), detail: z.string() });
export type AssertionDto = z.infer<typeof assertionSchema>;

/** One packet of the exchange, decoded like a trace record; `traceId` opens it in the Packet trace. */
export const exchangeEntrySchema = z.object({
  direction: z.enum(['out', 'in']),
  summary: z.string(),
  hex: z.string(),
  dissection: z.array(fieldNodeSchema),
  diagnosis: z.string().optional(),
  traceId: z.number().optional(),
  /** The lab server's own record of this packet, when the request went to this lab. */
  labTraceId: z.number().optional(),
});
export type ExchangeEntryDto = z.infer<typeof exchangeEntrySchema>;

const host = z.string().trim().min(1, 'a server address is required').max(255);
const port = z.number().int().min(1).max(65535);

export const tacacsRequestSchema = z.object({
  op: z.enum(['authenticate', 'authorize', 'account']),
  host,
  port,
  /** Shared secret; required unless `tls` (RFC 9887: no obfuscation inside TLS). */
  secret: z.string().max(1024).optional(),
  /** TACACS+ over TLS 1.3: PEM file paths on the engine's machine (CA to verify, client cert + key). */
  tls: z
    .object({
      ca: z.string().max(4096).optional(),
      cert: z.string().max(4096).optional(),
      key: z.string().max(4096).optional(),
      servername: z.string().max(255).optional(),
    })
    .optional(),
  user: z.string().max(256),
  password: z.string().max(1024).optional(),
  type: z.enum(['ascii', 'pap', 'chap', 'mschap', 'mschapv2']).default('pap'),
  service: z.enum(['login', 'enable']).default('login'),
  privLvl: z.number().int().min(0).max(15).default(1),
  remAddr: z.string().max(255).default(''),
  portName: z.string().max(255).default('tty0'),
  /** Authorization/accounting: AV pairs ("service=shell", "cmd=show") or command lines ("show version"). */
  args: z.array(z.string().max(1024)).max(255).default([]),
  acctFlags: z.enum(['start', 'stop', 'watchdog', 'watchdog-update']).default('start'),
  singleConnect: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(120_000).default(5000),
  expect: expectationSchema.optional(),
});
export type TacacsRequest = z.input<typeof tacacsRequestSchema>;

export const tacacsResultSchema = z.object({
  /** RFC 8907 status name (PASS, FAIL, PASS_ADD, SUCCESS, ERROR, …) or "no-reply" (NO_REPLY). */
  status: z.string(),
  pass: z.boolean(),
  serverMsg: z.string(),
  data: z.string(),
  avPairs: z.array(z.string()),
  durationMs: z.number(),
  /** MS-CHAPv2: whether the server's authenticator response proved it knows the password. */
  serverAuthenticated: z.boolean().optional(),
  /** Why there is no reply (timeout, connection refused, wrong secret). */
  error: z.string().optional(),
  exchange: z.array(exchangeEntrySchema),
  assertions: z.array(assertionSchema),
  lab: labViewSchema.optional(),
});
export type TacacsResultDto = z.infer<typeof tacacsResultSchema>;

export const radiusCodes = ['auth', 'acct', 'coa', 'disconnect', 'status'] as const;

export const radiusRequestSchema = z.object({
  code: z.enum(radiusCodes),
  host,
  port,
  secret: z.string().min(1, 'a shared secret is required').max(1024),
  /** Access-Request only. */
  method: z.enum(['pap', 'chap', 'mschapv2']).default('pap'),
  user: z.string().max(253).default(''),
  password: z.string().max(1024).default(''),
  /** Accounting only: Acct-Status-Type (Start, Interim-Update, Stop, Accounting-On, Accounting-Off). */
  acctStatus: z.string().max(64).default('Start'),
  /** radclient syntax, one or more "Name = value" per line. */
  attributes: z.string().max(65_536).default(''),
  /** CoA/Disconnect vendor preset (client.radius.presets); its attributes come before `attributes`. */
  preset: z.string().max(64).optional(),
  presetArgs: z
    .object({
      session: z.string().max(253).optional(),
      mac: z.string().max(253).optional(),
      user: z.string().max(253).optional(),
      auditSessionId: z.string().max(253).optional(),
      service: z.string().max(253).optional(),
      role: z.string().max(253).optional(),
      framedIp: z.string().max(64).optional(),
    })
    .default({}),
  messageAuthenticator: z.boolean().default(true),
  timeoutMs: z.number().int().min(100).max(60_000).default(3000),
  retries: z.number().int().min(0).max(10).default(0),
  expect: expectationSchema.optional(),
});
export type RadiusRequest = z.input<typeof radiusRequestSchema>;

export const radiusResultSchema = z.object({
  /** Reply code name (Access-Accept, CoA-NAK, …) or "no-reply" (NO_REPLY). */
  code: z.string(),
  codeNumber: z.number().optional(),
  identifier: z.number().optional(),
  pass: z.boolean(),
  attributes: z.array(z.tuple([z.string(), z.string()])),
  rttMs: z.number(),
  attempts: z.number(),
  /** MS-CHAPv2 Access-Accept: does MS-CHAP2-Success carry the authenticator response we expect? */
  mschapv2Valid: z.boolean().optional(),
  error: z.string().optional(),
  exchange: z.array(exchangeEntrySchema),
  assertions: z.array(assertionSchema),
  lab: labViewSchema.optional(),
});
export type RadiusResultDto = z.infer<typeof radiusResultSchema>;

export const presetSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** coa | disconnect */
  code: z.enum(['coa', 'disconnect']),
  /** The presetArgs keys the recipe uses. */
  args: z.array(z.string()),
});
export type PresetDto = z.infer<typeof presetSchema>;

export const testClientProcedures = {
  'client.tacacs': { input: tacacsRequestSchema, output: tacacsResultSchema },
  'client.radius': { input: radiusRequestSchema, output: radiusResultSchema },
  'client.radius.presets': { input: z.object({}).default({}), output: z.array(presetSchema) },
} as const;
