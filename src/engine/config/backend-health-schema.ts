import { z } from 'zod';

/** Periodic backend health checks (Backends screen, GET /api/backends); 0 turns them off. */
export const backendHealth = z
  .strictObject({
    /** Seconds between checks; bounded so a lab cannot hammer a directory or Okta's rate limits. */
    intervalS: z
      .number()
      .int()
      .refine((v) => v === 0 || (v >= 10 && v <= 3600), 'must be 0 (off) or 10–3600 seconds')
      .default(60),
  })
  .prefault({});
