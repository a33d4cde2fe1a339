import { z } from 'zod';
import { Secret } from '../secret';
import { isValidCidr } from '../policy/cidr';
import { parseHostPort } from './host-port';
import { oktaBackend } from './okta-schema';
import { backendHealth } from './backend-health-schema';

/**
 * The lab file schema. Shape follows ../shared/fixtures/lab.yaml, which must keep loading as-is.
 * Secrets become `Secret` objects at parse time so a parsed lab can be logged or serialised safely.
 */

const secret = z
  .string()
  .min(1, 'must not be empty')
  .transform((v) => new Secret(v));

const hostPort = z.string().superRefine((v, ctx) => {
  const r = parseHostPort(v);
  if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
});
const listenList = z.array(hostPort).default([]);

const tlsFiles = {
  cert: z.string().min(1),
  key: z.string().min(1),
  ca: z.string().min(1).optional(),
};

export const requireMA = z.union([z.boolean(), z.literal('auto')]);

const tacacs = z.strictObject({
  listen: listenList,
  tls: z.strictObject({ listen: listenList, ...tlsFiles }).optional(),
  /** RFC 8907 allows 2^32-1; a test bench refuses anything over this before allocating. */
  /** Used instead of a privileged port (49) the process may not bind, with a notice. */
  fallbackPort: z.number().int().min(1024).max(65535).optional(),
  maxBodyLength: z
    .number()
    .int()
    .min(12)
    .max(16 * 1024 * 1024)
    .default(65536),
  idleTimeoutMs: z.number().int().min(100).default(600_000),
  sessionTimeoutMs: z.number().int().min(100).default(60_000),
  /** Open connections at once, counted for plain TCP and for TLS separately (one server each). */
  maxConnections: z.number().int().min(1).default(1024),
  /** ASCII login attempts before the session fails. */
  loginRetries: z.number().int().min(1).max(10).default(3),
  /** Answer to CHPASS: the lab does not change passwords, so it says so unless told to accept. */
  chpass: z.enum(['deny', 'accept']).default('deny'),
});

/** "1.2", 1.2 or "TLSv1.2": YAML reads an unquoted 1.2 as a number. */
const tlsVersion = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).replace(/^TLSv/i, ''))
  .pipe(z.enum(['1.2', '1.3'], 'must be "1.2" or "1.3"'));

const EAP_METHOD_NAMES = ['md5', 'gtc', 'tls', 'peap', 'ttls'] as const;
const TLS_METHODS: readonly string[] = ['tls', 'peap', 'ttls'];

/** EAP over RADIUS (RFC 3579): methods in the lab's order of preference and the TLS methods' files. */
const eap = z
  .strictObject({
    methods: z
      .array(z.enum(EAP_METHOD_NAMES))
      .min(1)
      .refine((m) => new Set(m).size === m.length, 'lists a method twice')
      .default(['md5', 'gtc']),
    cert: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    /** EAP-TLS client certificates must chain to this CA. */
    ca: z.string().min(1).optional(),
    /** Largest TLS payload per EAP-Request (L/M/S fragments). */
    fragmentSize: z.number().int().min(64).max(3000).default(1020),
    tls: z
      .strictObject({
        minVersion: tlsVersion.default('1.2'),
        maxVersion: tlsVersion.default('1.3'),
        /** Re-authentications may resume the tunnel's TLS session: cheaper, no inner change. */
        resumption: z.boolean().default(true),
        /** PEAP fast reconnect: a resumed session whose inner authentication succeeded skips it. */
        fastReconnect: z.boolean().default(true),
      })
      .prefault({}),
    identityFromCertificate: z.enum(['cn', 'san-email', 'san-dns', 'san-upn']).default('cn'),
    limits: z
      .strictObject({
        maxRounds: z.number().int().min(2).max(1000).default(64),
        roundTimeoutMs: z.number().int().min(100).default(30_000),
        lifetimeMs: z.number().int().min(1000).default(120_000),
        maxConversations: z.number().int().min(1).default(4096),
        maxPerDevice: z.number().int().min(1).default(1024),
        maxMessageBytes: z.number().int().min(256).max(65535).default(4096),
      })
      .prefault({}),
  })
  .superRefine((e, ctx) => {
    const tlsOnes = e.methods.filter((m) => TLS_METHODS.includes(m));
    if (tlsOnes.length && !e.cert)
      ctx.addIssue({ code: 'custom', path: ['cert'], message: `is required for ${tlsOnes.join(', ')}` });
    if (tlsOnes.length && !e.key)
      ctx.addIssue({ code: 'custom', path: ['key'], message: `is required for ${tlsOnes.join(', ')}` });
    if ((e.cert === undefined) !== (e.key === undefined))
      ctx.addIssue({ code: 'custom', path: [e.cert ? 'key' : 'cert'], message: 'cert and key go together' });
    if (e.tls.minVersion > e.tls.maxVersion)
      ctx.addIssue({ code: 'custom', path: ['tls', 'minVersion'], message: 'is above tls.maxVersion' });
  });

const radius = z.strictObject({
  auth: listenList,
  acct: listenList,
  requireMessageAuthenticator: requireMA.default(false),
  radsec: z
    .strictObject({
      listen: listenList,
      ...tlsFiles,
      secret: z
        .string()
        .default('radsec')
        .transform((v) => new Secret(v)),
    })
    .optional(),
  /** Absent: EAP-Message is answered with Access-Reject ("EAP is not enabled"). */
  eap: eap.optional(),
  /** Extra FreeRADIUS-format dictionary files or directories (relative to the lab file). */
  dictionaries: z.array(z.string()).default([]),
  duplicateWindowMs: z.number().int().min(0).default(5000),
  receiveBufferBytes: z
    .number()
    .int()
    .min(65536)
    .default(8 * 1024 * 1024),
});

const coaMatch = z.strictObject({
  has: z.string().optional(),
  attribute: z.string().optional(),
  equals: z.union([z.string(), z.number()]).optional(),
  code: z.enum(['CoA-Request', 'Disconnect-Request']).optional(),
  unknownSession: z.boolean().optional(),
});
const coaAction = z.union([
  z.literal('ack'),
  z.literal('drop'),
  z.strictObject({
    ack: z.literal(true).optional(),
    nak: z.number().int().min(0).max(65535).optional(),
    drop: z.literal(true).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    replyMessage: z.string().optional(),
  }),
]);
export const coaRule = z.strictObject({ if: coaMatch.optional(), then: coaAction });

const coa = z.strictObject({ listen: listenList, rules: z.array(coaRule).default([{ then: 'ack' }]) });

const openid = z.strictObject({
  issuerUrl: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: secret.optional(),
  redirectUri: z.string().url(),
  scopes: z.string().default('openid profile email'),
  sessionTimeoutMinutes: z.number().int().min(1).default(60),
  allowedGroups: z.array(z.string()).default([]),
  allowedEmailDomains: z.array(z.string()).default([]),
});

const web = z.strictObject({
  listen: hostPort.default('127.0.0.1:8080'),
  admin: z
    .strictObject({
      username: z.string().min(1),
      passwordHash: z.string().regex(/^\$2[aby]\$\d\d\$/, 'must be a bcrypt hash ($2b$…)'),
    })
    .optional(),
  apiToken: secret.optional(),
  openid: openid.optional(),
  /** Host names (or addresses) browsers and scrapers may use besides loopback and, on a wildcard
   * listen, this machine's own interface addresses; anything else is refused (DNS rebinding). */
  allowedHosts: z.array(z.string().min(1)).default([]),
  /** Behind a reverse proxy: take the scheme and host from X-Forwarded-Proto / X-Forwarded-Host. */
  trustProxy: z.boolean().default(false),
  /** HTTPS for the web listener; cookies are then Secure. */
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
});

export const device = z.strictObject({
  name: z.string().min(1),
  match: z.string().superRefine((v, ctx) => {
    if (!isValidCidr(v)) ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid CIDR` });
  }),
  tacacsSecret: secret.optional(),
  radiusSecret: secret.optional(),
  coaSecret: secret.optional(),
  requireMessageAuthenticator: requireMA.optional(),
  /** Vendor hint for config snippets and quirk handling. */
  vendor: z.string().optional(),
});

const commandRule = z.union([z.strictObject({ permit: z.string() }), z.strictObject({ deny: z.string() })]);

const radiusValue = z.union([z.string(), z.number()]);
export const group = z.strictObject({
  name: z.string().min(1),
  privLvl: z.number().int().min(0).max(15).default(1),
  commands: z.array(commandRule).default([]),
  tacacsShell: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  radiusReply: z.record(z.string(), z.union([radiusValue, z.array(radiusValue)])).default({}),
});

export const user = z.strictObject({
  username: z.string().min(1),
  password: secret.optional(),
  enable: secret.optional(),
  groups: z.array(z.string()).default([]),
  /** RADIUS reply attributes of this user; an attribute named here replaces the groups' values. */
  radiusReply: z.record(z.string(), z.union([radiusValue, z.array(radiusValue)])).default({}),
  disabled: z.boolean().default(false),
  /** RFC 6238 TOTP secret (base32, as authenticator apps show it): a second factor for logins. */
  totp: z
    .string()
    .regex(/^[A-Z2-7]+=*$/i, 'must be base32 (A-Z, 2-7), as authenticator apps show it')
    .min(16, 'must be at least 16 base32 characters (80 bits, RFC 4226 §4)')
    .transform((v) => new Secret(v.toUpperCase()))
    .optional(),
});

/**
 * Second factors: `challenge` asks for the code (TACACS+ ASCII GETDATA with echo off, RADIUS
 * Access-Challenge with Reply-Message and State); `append` expects `password` + the 6-digit code in
 * one field (PAP, TACACS+ PAP, anything that cannot be asked twice).
 */
const mfa = z.strictObject({
  totp: z.enum(['challenge', 'append']).default('challenge'),
  /** Time steps accepted either side of now (RFC 6238 §5.2: clock drift). */
  window: z.number().int().min(0).max(10).default(1),
  /** How long an open challenge waits for its code. */
  challengeTimeoutS: z.number().int().min(5).max(600).default(60),
});

/** MAC Authentication Bypass: these MACs (any form a switch sends) get this group. */
export const mab = z.strictObject({
  group: z.string().min(1),
  macs: z
    .array(
      z
        .string()
        .regex(
          /^(?:[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}|[0-9a-f]{2}([-:])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}|[0-9a-f]{12})$/i,
          'must be a MAC address: aabb.ccdd.eeff, AA-BB-CC-DD-EE-FF, aa:bb:cc:dd:ee:ff or aabbccddeeff',
        ),
    )
    .min(1),
});

const ldapBackend = z.strictObject({
  type: z.literal('ldap'),
  name: z.string().default('ldap'),
  url: z.string().regex(/^ldaps?:\/\//, 'must start with ldap:// or ldaps://'),
  startTls: z.boolean().default(false),
  bindDN: z.string().min(1),
  bindPassword: secret,
  userBase: z.string().min(1),
  userAttribute: z.string().default('uid'),
  userFilter: z.string().optional(),
  groupBase: z.string().optional(),
  groupObjectClass: z.string().default('groupOfNames'),
  groupMemberAttribute: z.string().optional(),
  useMemberOf: z.boolean().default(false),
  groupMap: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(100).default(3000),
  tlsCa: z.string().optional(),
  poolSize: z.number().int().min(1).max(64).default(8),
});
const oidcBackend = z.strictObject({
  type: z.literal('oidc'),
  name: z.string().default('oidc'),
  issuerUrl: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: secret.optional(),
  scopes: z.string().default('openid profile email groups'),
  groupsClaim: z.string().default('groups'),
  groupMap: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(100).default(5000),
});
export const backend = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), name: z.string().default('local') }),
  ldapBackend,
  oidcBackend,
  oktaBackend,
]);

const trace = z.strictObject({
  ringSize: z.number().int().min(100).max(5_000_000).default(100_000),
  /** Rows the on-disk trace index keeps (oldest dropped first); 0 keeps every row. Read at start. */
  indexRows: z.number().int().min(0).max(1_000_000_000).default(2_000_000),
  /** Lab-only: show decrypted passwords in the trace view. Exports stay masked regardless. */
  showSecrets: z.boolean().default(false),
});

export const labSchema = z.strictObject({
  tacacs: tacacs.optional(),
  radius: radius.optional(),
  coa: coa.optional(),
  web: web.default({ listen: '127.0.0.1:8080', allowedHosts: [], trustProxy: false }),
  devices: z.array(device).default([]),
  groups: z.array(group).default([]),
  users: z.array(user).default([]),
  mab: z.array(mab).default([]),
  mfa: mfa.default({ totp: 'challenge', window: 1, challengeTimeoutS: 60 }),
  backends: z.array(backend).default([{ type: 'local', name: 'local' }]),
  backendHealth,
  trace: trace.default({ ringSize: 100_000, indexRows: 2_000_000, showSecrets: false }),
  accounting: z
    .strictObject({ retentionDays: z.number().int().min(0).default(0) })
    .default({ retentionDays: 0 }),
});

export type LabConfig = z.output<typeof labSchema>;
export type LabInput = z.input<typeof labSchema>;
export type DeviceConfig = z.output<typeof device>;
export type GroupConfig = z.output<typeof group>;
export type UserConfig = z.output<typeof user>;
export type MabConfig = z.output<typeof mab>;
export type BackendConfig = z.output<typeof backend>;
export type CoaRule = z.output<typeof coaRule>;
export type RequireMA = z.output<typeof requireMA>;
export type TacacsConfig = z.output<typeof tacacs>;
export type RadiusConfig = z.output<typeof radius>;
export type EapConfig = z.output<typeof eap>;
export type CoaConfig = z.output<typeof coa>;
