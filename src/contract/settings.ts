import { z } from 'zod';

/**
 * The lab's settings as the Settings screen edits them (trace, accounting retention, admin login),
 * saved in the lab file like every other edit, plus the web listener this lab is served from.
 */
export const settingsSchema = z.object({
  trace: z.object({
    /** The lab file's trace.ringSize. */
    ringSize: z.number(),
    /** The ring in use: the size the trace was opened with (a new size takes effect on restart). */
    runningRingSize: z.number(),
    showSecrets: z.boolean(),
  }),
  accounting: z.object({ retentionDays: z.number() }),
  /** web.admin: password login for browsers and the REST API (the hash never leaves the engine). */
  admin: z.object({ username: z.string() }).optional(),
  /** web.openid: OpenID Connect admin login (the client secret never leaves the engine). */
  openid: z
    .object({
      issuerUrl: z.string(),
      clientId: z.string(),
      redirectUri: z.string(),
      hasClientSecret: z.boolean(),
      allowedGroups: z.array(z.string()),
      allowedEmailDomains: z.array(z.string()),
    })
    .optional(),
  web: z.object({
    /** web.listen in the lab file. */
    listen: z.string(),
    /** The listener this engine's host actually bound (a taken port moves to the next one). */
    url: z.string().optional(),
  }),
  /** Where edits are saved: the lab file, or <data dir>/lab.yaml for the built-in default lab. */
  savesTo: z.string(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsSetSchema = z.object({
  trace: z.object({ ringSize: z.number().int().optional(), showSecrets: z.boolean().optional() }).optional(),
  accounting: z.object({ retentionDays: z.number().int().optional() }).optional(),
  /** null removes the password login; a password left out keeps the current one. */
  admin: z
    .object({
      username: z.string().trim().min(1, 'is required').max(253),
      password: z
        .string()
        .min(8, 'must be at least 8 characters')
        .max(72, 'bcrypt uses 72 bytes at most')
        .optional(),
    })
    .nullable()
    .optional(),
  /** null removes the OpenID Connect login; a client secret left out keeps the current one. */
  openid: z
    .object({
      issuerUrl: z.string().trim(),
      clientId: z.string().trim(),
      redirectUri: z.string().trim(),
      clientSecret: z.string().min(1).nullable().optional(),
      allowedGroups: z.array(z.string()).default([]),
      allowedEmailDomains: z.array(z.string()).default([]),
    })
    .nullable()
    .optional(),
});
export type SettingsSet = z.input<typeof settingsSetSchema>;

export const settingsProcedures = {
  'settings.get': { input: z.object({}).default({}), output: settingsSchema },
  'settings.set': { input: settingsSetSchema, output: settingsSchema },
} as const;
