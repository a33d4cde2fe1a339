import { z } from 'zod';
import { configFileSchema, labFileSchema } from './config-file';
import { issueSchema } from './envelope';

export const listenerSchema = z.object({
  service: z.enum(['tacacs', 'tacacs-tls', 'radius-auth', 'radius-acct', 'radsec', 'coa', 'web']),
  transport: z.enum(['udp', 'tcp', 'tls']),
  address: z.string(),
  port: z.number(),
});
export type Listener = z.infer<typeof listenerSchema>;

export const serviceStateSchema = z.object({
  name: z.string(),
  state: z.enum(['running', 'stopped', 'error']),
  listeners: z.array(listenerSchema),
  error: z.string().optional(),
  /** False when the lab file has no section for it: nothing to start. */
  configured: z.boolean().optional(),
  /** Stopped with servers.stop: stays stopped across config.apply until servers.start. */
  held: z.boolean().optional(),
  /** Why this service cannot be started or stopped from the UI (the web listener). */
  locked: z.string().optional(),
});
export type ServiceState = z.infer<typeof serviceStateSchema>;

export const deviceSummarySchema = z.object({
  name: z.string(),
  match: z.string(),
  tacacs: z.boolean(),
  radius: z.boolean(),
  coa: z.boolean(),
  requireMessageAuthenticator: z.union([z.boolean(), z.literal('auto')]).optional(),
});

export const groupSummarySchema = z.object({
  name: z.string(),
  privLvl: z.number(),
  commands: z.array(z.object({ action: z.enum(['permit', 'deny']), pattern: z.string() })),
  tacacsShell: z.record(z.string(), z.string()),
  radiusReply: z.array(z.tuple([z.string(), z.union([z.string(), z.number()])])),
});

export const userSummarySchema = z.object({
  username: z.string(),
  groups: z.array(z.string()),
  hasPassword: z.boolean(),
  hasEnable: z.boolean(),
  /** A TOTP second factor is configured (users[].totp). */
  hasTotp: z.boolean().default(false),
  disabled: z.boolean(),
});

export const labStatusSchema = z.object({
  state: z.enum(['starting', 'running', 'stopped', 'error']),
  startedAt: z.number().optional(),
  configPath: z.string().optional(),
  dataDir: z.string(),
  services: z.array(serviceStateSchema),
  devices: z.array(deviceSummarySchema),
  groups: z.array(groupSummarySchema),
  users: z.array(userSummarySchema),
  backends: z.array(z.object({ name: z.string(), type: z.string() })),
  warnings: z.array(issueSchema),
  notices: z.array(z.string()),
  /** Problems of the last failed reload; the previous config stays in force. */
  lastReloadError: z.object({ message: z.string(), issues: z.array(issueSchema) }).optional(),
  /** Whether the lab file on disk is what runs (see config-file.ts). */
  labFile: labFileSchema.optional(),
});
export type LabStatus = z.infer<typeof labStatusSchema>;

export const decisionSchema = z.object({
  allow: z.boolean(),
  reasons: z.array(z.string()).min(1),
  user: z.string().optional(),
  groups: z.array(z.string()),
  privLvl: z.number().optional(),
  avPairs: z.array(z.string()),
  radiusReply: z.array(z.tuple([z.string(), z.union([z.string(), z.number()])])),
  backend: z.string().optional(),
});
export type DecisionDto = z.infer<typeof decisionSchema>;

export const explainInputSchema = z.object({
  username: z.string().min(1, 'a username is required'),
  /** Device name or source address; empty means "no device". */
  device: z.string().optional(),
  /** A command line to authorize ("configure terminal"); empty means exec authorization. */
  command: z.string().optional(),
  /** When given, authentication is explained too. */
  password: z.string().optional(),
  service: z.enum(['login', 'enable']).optional(),
});

export const explainOutputSchema = z.object({
  device: z.object({ name: z.string(), cidr: z.string() }).optional(),
  authentication: decisionSchema.optional(),
  authorization: decisionSchema,
  /** One line: the reasons joined by arrows. */
  summary: z.string(),
});
export type ExplainOutput = z.infer<typeof explainOutputSchema>;

export const configDocSchema = z.object({
  path: z.string().optional(),
  /** The running lab's source. */
  source: z.string(),
  file: configFileSchema.optional(),
});

export const validateOutputSchema = z.object({
  ok: z.boolean(),
  errors: z.array(issueSchema),
  warnings: z.array(issueSchema),
});
