import { z } from 'zod';
import { radiusRequestSchema, tacacsRequestSchema } from './test-client';
import { eapRequestSchema } from './test-client-eap';

/** The Test client's saved requests: TACACS+, RADIUS and EAP (802.1X) requests under a name. */
export const SAVED_KINDS = ['tacacs', 'radius', 'eap'] as const;

const savedName = z.string().trim().min(1, 'a name is required').max(128);

export const savedRequestInputSchema = z.discriminatedUnion('kind', [
  z.object({ name: savedName, kind: z.literal('tacacs'), request: tacacsRequestSchema }),
  z.object({ name: savedName, kind: z.literal('radius'), request: radiusRequestSchema }),
  z.object({ name: savedName, kind: z.literal('eap'), request: eapRequestSchema }),
]);

const listed = { id: z.number(), name: z.string(), savedAt: z.number(), secrets: z.array(z.string()) };

/**
 * A saved request as listed: secrets (shared secret, password, an EAP-TLS client key) are stripped
 * and named in `secrets`; `client.saved.get` returns them, for the one request the user loads to send.
 */
export const savedRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    ...listed,
    kind: z.literal('tacacs'),
    request: tacacsRequestSchema.partial({ secret: true, password: true }),
  }),
  z.object({
    ...listed,
    kind: z.literal('radius'),
    request: radiusRequestSchema.partial({ secret: true, password: true }),
  }),
  z.object({
    ...listed,
    kind: z.literal('eap'),
    request: eapRequestSchema.partial({ secret: true, password: true, key: true }),
  }),
]);
export type SavedRequestDto = z.infer<typeof savedRequestSchema>;

export const savedRequestProcedures = {
  'client.saved.list': {
    input: z.object({ kind: z.enum(SAVED_KINDS).optional() }).default({}),
    output: z.array(savedRequestSchema),
  },
  'client.saved.get': { input: z.object({ id: z.number().int() }), output: savedRequestSchema },
  'client.saved.save': { input: savedRequestInputSchema, output: savedRequestSchema },
  'client.saved.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;
