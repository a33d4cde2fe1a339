import { z } from 'zod';

/**
 * What this lab itself recorded of a Test client exchange aimed at one of its own listeners: the
 * server's trace records of the same packets, and its Decision or Diagnosis (e.g. the policy rule
 * that denied a command, "wrong secret — decodes with the secret of lab-loopback").
 */
export const labViewSchema = z.object({
  /** The lab's own (role server) trace records of the exchange, oldest first. */
  traceIds: z.array(z.number()),
  decision: z.object({ allow: z.boolean(), reasons: z.array(z.string()) }).optional(),
  diagnosis: z.string().optional(),
});
export type LabViewDto = z.infer<typeof labViewSchema>;
