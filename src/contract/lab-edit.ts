import { z } from 'zod';
import { labStatusSchema } from './schemas';

/**
 * Structured edits of the lab file (the Devices and Users & groups editors): each one changes one
 * device, user or group in the YAML document (comments and the rest of the file kept), validates the
 * whole lab, applies it to the running lab and saves the file, like config.apply. Errors name the
 * edited item's field (`match`, `commands[1]`); problems elsewhere keep their full path.
 *
 * Secrets (device shared secrets, user passwords) never come back unless asked for with `reveal`
 * (audited). In an edit, a secret field left out keeps the current value (nothing to re-type),
 * `null` removes it, a string sets it.
 */
const secretEdit = z.string().min(1, 'must not be empty').nullable().optional();
const itemName = z.string().trim().min(1, 'is required').max(253);
const requireMA = z.union([z.boolean(), z.literal('auto')]);
const radiusValue = z.union([z.string(), z.number()]);
const radiusReply = z.record(z.string(), z.union([radiusValue, z.array(radiusValue)]));

export const deviceEditSchema = z.object({
  name: itemName,
  /** Source address or CIDR prefix the device's requests come from. */
  match: z.string().trim().min(1, 'is required'),
  vendor: z.string().optional(),
  requireMessageAuthenticator: requireMA.optional(),
  tacacsSecret: secretEdit,
  radiusSecret: secretEdit,
  coaSecret: secretEdit,
});
export type DeviceEdit = z.infer<typeof deviceEditSchema>;

export const deviceDetailSchema = z.object({
  name: z.string(),
  match: z.string(),
  vendor: z.string().optional(),
  requireMessageAuthenticator: requireMA.optional(),
  /** The secret, or a mask when not revealed; absent when the device has none. */
  tacacsSecret: z.string().optional(),
  radiusSecret: z.string().optional(),
  coaSecret: z.string().optional(),
  revealed: z.boolean(),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const userEditSchema = z.object({
  username: itemName,
  groups: z.array(z.string().min(1)).default([]),
  disabled: z.boolean().default(false),
  password: secretEdit,
  /** TACACS+ enable password. */
  enable: secretEdit,
  /** RFC 6238 TOTP secret, base32. */
  totp: secretEdit,
  /** Left out: the user's reply attributes stay as they are. */
  radiusReply: radiusReply.optional(),
});
export type UserEdit = z.input<typeof userEditSchema>;

export const userDetailSchema = z.object({
  username: z.string(),
  groups: z.array(z.string()),
  disabled: z.boolean(),
  password: z.string().optional(),
  enable: z.string().optional(),
  totp: z.string().optional(),
  radiusReply: radiusReply,
  revealed: z.boolean(),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const commandRuleSchema = z.object({
  action: z.enum(['permit', 'deny']),
  /** Regular expression over "command arg arg …"; first match wins. */
  pattern: z.string(),
});

export const groupEditSchema = z.object({
  name: itemName,
  privLvl: z.number().int().min(0).max(15).default(1),
  /** In order: the first rule that matches decides. */
  commands: z.array(commandRuleSchema).default([]),
  /** AV pairs returned on exec (service=shell) authorization. */
  tacacsShell: z.record(z.string(), z.string()).default({}),
  /** Left out: the group's reply attributes stay as they are. */
  radiusReply: radiusReply.optional(),
});
export type GroupEdit = z.input<typeof groupEditSchema>;

const reveal = z.boolean().default(false);
/** `original`: the name being edited (it may be renamed); absent adds a new one. */
const original = z.string().min(1).optional();

export const labEditProcedures = {
  'devices.get': {
    input: z.object({ name: z.string().min(1), reveal }),
    output: deviceDetailSchema,
  },
  'devices.upsert': {
    input: z.object({ original, device: deviceEditSchema }),
    output: labStatusSchema,
  },
  'devices.remove': { input: z.object({ name: z.string().min(1) }), output: labStatusSchema },
  'users.get': {
    input: z.object({ username: z.string().min(1), reveal }),
    output: userDetailSchema,
  },
  'users.upsert': { input: z.object({ original, user: userEditSchema }), output: labStatusSchema },
  'users.remove': { input: z.object({ username: z.string().min(1) }), output: labStatusSchema },
  /** A renamed group is renamed in its users' `groups`, in `mab` and in backends' `groupMap` too. */
  'groups.upsert': { input: z.object({ original, group: groupEditSchema }), output: labStatusSchema },
  'groups.remove': { input: z.object({ name: z.string().min(1) }), output: labStatusSchema },
} as const;
