import { z } from 'zod';
import { serviceStateSchema } from './schemas';

/** The services the Servers screen starts and stops one by one (the lab's factories' names). */
export const serviceIds = ['tacacs', 'tacacs-tls', 'radius-auth', 'radius-acct', 'coa', 'radsec'] as const;
export type ServiceId = (typeof serviceIds)[number];

/** The web listener too, so asking to stop it gets the reason rather than a bare enum error. */
const serviceInput = z.object({ service: z.enum([...serviceIds, 'web']) });

/**
 * Per-service start/stop. A stopped service stays stopped across config.apply until servers.start
 * (lab.start after lab.stop starts every service). Both answer with the services as servers.list
 * does; a port that cannot be bound leaves the service in state "error" with the reason and fails.
 */
export const serversProcedures = {
  'servers.start': { input: serviceInput, output: z.array(serviceStateSchema) },
  'servers.stop': { input: serviceInput, output: z.array(serviceStateSchema) },
} as const;
