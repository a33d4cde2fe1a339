import { z } from 'zod';
import { EAP_CLIENT_METHOD_NAMES } from '../../contract/test-client-eap';

/**
 * A scenario suite: variables, targets and ordered steps, each with expectations. Strings may use
 * `${name}` (a variable, a value captured by an earlier step, or `${i}` inside repeat).
 */

const port = z.number().int().min(1).max(65535);
const text = z.string().max(4096);
const tlsFiles = z.strictObject({
  ca: text.optional(),
  cert: text.optional(),
  key: text.optional(),
  servername: z.string().max(255).optional(),
});

/** A server to test: this lab ("lab", the default) or any host with its secret and ports. */
export const targetSchema = z.strictObject({
  host: z.string().min(1).max(255),
  /** Secret for every protocol, unless a protocol's own is given. */
  secret: z.string().max(1024).optional(),
  tacacsSecret: z.string().max(1024).optional(),
  radiusSecret: z.string().max(1024).optional(),
  coaSecret: z.string().max(1024).optional(),
  ports: z
    .strictObject({
      tacacs: port.default(49),
      radiusAuth: port.default(1812),
      radiusAcct: port.default(1813),
      coa: port.default(3799),
    })
    .default({ tacacs: 49, radiusAuth: 1812, radiusAcct: 1813, coa: 3799 }),
  /** TACACS+ over TLS 1.3 (RFC 9887): PEM files, relative to the suite file. */
  tls: tlsFiles.optional(),
  /** RADIUS over TLS (RFC 6614) for auth and accounting: PEM files; port 2083 unless `ports.radiusAuth`. */
  radsec: tlsFiles.optional(),
});
export type TargetSpec = z.infer<typeof targetSchema>;

const matcher = z.union([
  z.string(),
  z.strictObject({ equals: z.string() }),
  z.strictObject({ contains: z.string() }),
  z.strictObject({ regex: z.string() }),
]);

/** "Name=value" shorthand, or a name with one of equals / contains / regex / absent. */
export const attrExpectSchema = z.union([
  z.string().regex(/^\s*[^=*\s]+\s*[=*]/, 'expected "Name=value"'),
  z.strictObject({
    name: z.string().min(1),
    equals: z.string().optional(),
    contains: z.string().optional(),
    regex: z.string().optional(),
    absent: z.literal(true).optional(),
  }),
]);

export const expectSchema = z.strictObject({
  /** pass | fail | no-reply | a status or code name (PASS_ADD, Access-Challenge, CoA-NAK). */
  status: z.string().max(64).optional(),
  serverMsg: matcher.optional(),
  attributes: z.array(attrExpectSchema).max(128).optional(),
  /** Upper bound on the round trip of the whole step. */
  maxLatencyMs: z.number().positive().max(600_000).optional(),
  /** RFC 5176 §3.5 Error-Cause: number (407) or name (Invalid-Attribute-Value). */
  errorCause: z.union([z.number().int(), z.string()]).optional(),
});
export type StepExpect = z.infer<typeof expectSchema>;

/** Variables set from the reply: `name: Attribute` or `{ attribute, default }`. */
const captureSchema = z.record(
  z.string().regex(/^\w+$/, 'variable names are letters, digits and _'),
  z.union([z.string(), z.strictObject({ attribute: z.string(), default: z.string().optional() })]),
);

const base = {
  name: z.string().max(200).optional(),
  /** Target name; "lab" when omitted. */
  target: z.string().max(64).optional(),
  expect: expectSchema.optional(),
  capture: captureSchema.optional(),
  /** Seconds to wait for a reply. */
  timeout: z.number().positive().max(120).optional(),
};
const common = {
  user: z.string().max(256).default(''),
  password: z.string().max(1024).optional(),
  /** Overrides the target's secret (e.g. to test a wrong one). */
  secret: z.string().max(1024).optional(),
};

const dialogEntry = z.strictObject({
  /** The prompt status expected from the server: GETUSER, GETPASS, GETDATA. */
  expect: z.enum(['GETUSER', 'GETPASS', 'GETDATA']),
  send: z.string().max(1024),
});

export const tacacsAuthenticateStep = z.strictObject({
  ...base,
  ...common,
  type: z.literal('tacacs-authenticate'),
  method: z.enum(['ascii', 'pap', 'chap', 'mschap', 'mschapv2']).default('pap'),
  service: z.enum(['login', 'enable']).default('login'),
  privLvl: z.number().int().min(0).max(15).optional(),
  port: z.string().max(64).default('tty0'),
  remAddr: z.string().max(64).default(''),
  /** ASCII only: the prompts step by step (the START carries no user when the first is GETUSER). */
  dialog: z.array(dialogEntry).max(16).optional(),
});

export const tacacsAuthorizeStep = z.strictObject({
  ...base,
  ...common,
  type: z.literal('tacacs-authorize'),
  /** AV pairs ("service=shell", "cmd=") or a command line ("show version"). */
  args: z.array(z.string().max(1024)).max(255).default([]),
  command: z.string().max(1024).optional(),
  privLvl: z.number().int().min(0).max(15).default(1),
  port: z.string().max(64).default('tty0'),
  remAddr: z.string().max(64).default(''),
});

export const tacacsAccountStep = z.strictObject({
  ...base,
  ...common,
  type: z.literal('tacacs-account'),
  flags: z.enum(['start', 'stop', 'watchdog', 'watchdog-update']).default('start'),
  args: z.array(z.string().max(1024)).max(255).default([]),
  command: z.string().max(1024).optional(),
  privLvl: z.number().int().min(0).max(15).default(1),
  port: z.string().max(64).default('tty0'),
  remAddr: z.string().max(64).default(''),
});

/** Attributes as radclient lines, or a map (a list value repeats the attribute). */
const attributes = z.union([
  z.string().max(65_536),
  z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])),
]);

export const radiusStep = z.strictObject({
  ...base,
  ...common,
  type: z.enum(['radius-auth', 'radius-acct', 'radius-coa', 'radius-disconnect', 'radius-status']),
  method: z.enum(['pap', 'chap', 'mschapv2']).default('pap'),
  /** Accounting: Acct-Status-Type. */
  status: z.string().max(64).default('Start'),
  attributes: attributes.optional(),
  retries: z.number().int().min(0).max(10).default(0),
});

/** A whole EAP conversation as a supplicant (802.1X over RADIUS); TLS files relative to the suite. */
export const radiusEapStep = z.strictObject({
  ...base,
  ...common,
  type: z.literal('radius-eap'),
  method: z.enum(EAP_CLIENT_METHOD_NAMES),
  /** PEAP/TTLS outer identity; "anonymous" when omitted. */
  outerIdentity: z.string().max(253).optional(),
  /** The CA the server certificate must chain to, and the name it must carry. */
  ca: z.string().max(4096).optional(),
  serverName: z.string().max(253).optional(),
  /** EAP-TLS: the client certificate and key. */
  cert: z.string().max(4096).optional(),
  key: z.string().max(4096).optional(),
  tlsMaxVersion: z.enum(['1.2', '1.3']).default('1.3'),
  retries: z.number().int().min(0).max(10).default(0),
});

export const waitStep = z.strictObject({
  name: z.string().max(200).optional(),
  type: z.literal('wait'),
  seconds: z.number().min(0).max(600),
});

const nasBase = {
  ...base,
  ...common,
  type: z.literal('nas-session'),
  template: z.enum(['ios-xe', 'junos', 'eos']).default('ios-xe'),
};

/** A whole TACACS+ device session: login, exec authorization, commands with accounting, logout. */
export const tacacsNasStep = z.strictObject({
  ...nasBase,
  protocol: z.literal('tacacs'),
  /** `show version` (expected permitted) or `{ command, expect: deny }`. */
  commands: z
    .array(
      z.union([
        z.string().max(1024),
        z.strictObject({ command: z.string().max(1024), expect: z.enum(['permit', 'deny']) }),
      ]),
    )
    .max(256)
    .default([]),
  /** Expected outcome of the login itself. */
  login: z.enum(['pass', 'fail']).default('pass'),
});

/** A whole RADIUS session: Access-Request, Accounting Start/Interim/Stop, then CoA or Disconnect. */
export const radiusNasStep = z.strictObject({
  ...nasBase,
  protocol: z.literal('radius'),
  method: z.enum(['pap', 'chap', 'mschapv2']).default('pap'),
  interims: z.number().int().min(0).max(100).default(1),
  /** After the Interim-Updates: a CoA or Disconnect against the session, with its expectation. */
  then: z
    .strictObject({
      type: z.enum(['coa', 'disconnect']),
      attributes: attributes.optional(),
      expect: expectSchema.optional(),
    })
    .optional(),
});

export type TacacsAuthenticateStep = z.infer<typeof tacacsAuthenticateStep>;
export type TacacsAuthorizeStep = z.infer<typeof tacacsAuthorizeStep>;
export type TacacsAccountStep = z.infer<typeof tacacsAccountStep>;
export type RadiusStep = z.infer<typeof radiusStep>;
export type RadiusEapStep = z.infer<typeof radiusEapStep>;
export type TacacsNasStep = z.infer<typeof tacacsNasStep>;
export type RadiusNasStep = z.infer<typeof radiusNasStep>;

export interface RepeatStep {
  name?: string;
  type: 'repeat';
  times: number;
  steps: Step[];
}
export type Step =
  | TacacsAuthenticateStep
  | TacacsAuthorizeStep
  | TacacsAccountStep
  | RadiusStep
  | RadiusEapStep
  | WaitStep
  | TacacsNasStep
  | RadiusNasStep
  | RepeatStep;
export type WaitStep = z.infer<typeof waitStep>;

export const STEP_TYPES = [
  'tacacs-authenticate',
  'tacacs-authorize',
  'tacacs-account',
  'radius-auth',
  'radius-acct',
  'radius-coa',
  'radius-disconnect',
  'radius-status',
  'radius-eap',
  'wait',
  'nas-session',
  'repeat',
] as const;

export const suiteSchema = z.strictObject({
  name: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  variables: z.record(z.string().regex(/^\w+$/), z.union([z.string(), z.number()])).default({}),
  targets: z.record(z.string().regex(/^[\w.-]+$/), targetSchema).default({}),
  /** Default target of every step; "lab" (this lab) unless set. */
  target: z.string().max(64).default('lab'),
  /** Checked one by one by type (suite-load.ts), so errors name the step's own fields. */
  steps: z.array(z.unknown()).min(1, 'a suite needs at least one step').max(1000),
});
export type Suite = Omit<z.infer<typeof suiteSchema>, 'steps'> & { steps: Step[] };

export const repeatStep = z.strictObject({
  name: z.string().max(200).optional(),
  type: z.literal('repeat'),
  times: z.number().int().min(1).max(10_000),
  steps: z.array(z.unknown()).min(1).max(1000),
});

/** The schema for a step of this type (nas-session: by protocol). */
export function schemaForStep(type: unknown, protocol: unknown): z.ZodType | undefined {
  switch (type) {
    case 'tacacs-authenticate':
      return tacacsAuthenticateStep;
    case 'tacacs-authorize':
      return tacacsAuthorizeStep;
    case 'tacacs-account':
      return tacacsAccountStep;
    case 'radius-auth':
    case 'radius-acct':
    case 'radius-coa':
    case 'radius-disconnect':
    case 'radius-status':
      return radiusStep;
    case 'radius-eap':
      return radiusEapStep;
    case 'wait':
      return waitStep;
    case 'nas-session':
      return protocol === 'radius' ? radiusNasStep : protocol === 'tacacs' ? tacacsNasStep : undefined;
    case 'repeat':
      return repeatStep;
    default:
      return undefined;
  }
}
