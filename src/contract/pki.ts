import { z } from 'zod';

/**
 * The lab PKI from the UI (the Servers screen's "Create lab certificates", as `aaa-lab certs init`):
 * a CA, a server certificate for this machine's names and addresses, client certificates, written
 * under the data dir's pki/ folder. Existing files are kept unless `force`.
 */
export const pkiProcedures = {
  'pki.init': {
    input: z
      .object({
        clients: z.array(z.string().min(1).max(64)).max(20).default(['lab-client']),
        days: z.number().int().min(1).max(3650).default(825),
        force: z.boolean().default(false),
      })
      .default({ clients: ['lab-client'], days: 825, force: false }),
    output: z.object({
      dir: z.string(),
      ca: z.string(),
      server: z.string(),
      /** What `aaa-lab certs init` prints: paths, lab-file lines, how to trust the CA. */
      report: z.array(z.string()),
    }),
  },
} as const;
