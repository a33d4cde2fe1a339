import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  time: z.number(),
  event: z.string(),
  actor: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

/**
 * The audit log (GET /api/audit for scripts): sign-ins and failures, admin sessions, lab file
 * changes with a masked diff, reloads, stats resets, exports. Newest first, paged by id.
 */
export const auditProcedures = {
  'audit.list': {
    input: z
      .object({
        /** Event names or prefixes ending in "." ("admin."). */
        event: z.array(z.string().min(1).max(64)).max(20).optional(),
        text: z.string().max(256).optional(),
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .default({ limit: 200 }),
    output: z.object({
      entries: z.array(auditEntrySchema),
      total: z.number().int(),
      nextCursor: z.number().int().optional(),
    }),
  },
} as const;
