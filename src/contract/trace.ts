import { z } from 'zod';

const endpoint = z.object({ address: z.string(), port: z.number() });

export const fieldNodeSchema: z.ZodType<FieldNodeDto> = z.lazy(() =>
  z.object({
    label: z.string(),
    value: z.string().optional(),
    offset: z.number(),
    length: z.number(),
    severity: z.enum(['error', 'warning']).optional(),
    secret: z.boolean().optional(),
    children: z.array(fieldNodeSchema).optional(),
  }),
);
export interface FieldNodeDto {
  label: string;
  value?: string;
  offset: number;
  length: number;
  severity?: 'error' | 'warning';
  secret?: boolean;
  children?: FieldNodeDto[];
}

/** List fields only: what streams to the trace list. Bytes and tree are fetched by id. */
export const traceRowSchema = z.object({
  id: z.number(),
  /** µs since the epoch. */
  timeUs: z.number(),
  protocol: z.enum(['tacacs', 'radius', 'radius-acct', 'coa', 'radsec']),
  direction: z.enum(['in', 'out']),
  transport: z.enum(['udp', 'tcp', 'tls']),
  role: z.enum(['server', 'client']),
  local: endpoint,
  remote: endpoint,
  device: z.string().optional(),
  user: z.string().optional(),
  sessionId: z.string().optional(),
  summary: z.string(),
  result: z.enum(['pass', 'fail', 'error', 'drop', 'info']).optional(),
  length: z.number(),
  replyTo: z.number().optional(),
  /** The outer packet's id when this record is an inner (tunnelled) message decoded from it. */
  parent: z.number().optional(),
  latencyUs: z.number().optional(),
  duplicate: z.boolean().optional(),
  retransmit: z.boolean().optional(),
  diagnosis: z.string().optional(),
});
export type TraceRow = z.infer<typeof traceRowSchema>;

/**
 * A second byte view of the packet, like Wireshark's "Decrypted TACACS+" tab: the TACACS+ body
 * de-obfuscated, or RADIUS hidden attributes (User-Password, Tunnel-Password, …) decrypted in place.
 * Same length and layout as the wire bytes, so the dissection's offsets apply to it. Bytes in `masked`
 * hold a cleartext secret and are sent as zeros (shown as ••) unless the lab's trace.showSecrets.
 */
export const decryptedBytesSchema = z.object({
  /** Tab title: "Decrypted TACACS+", "Decrypted RADIUS". */
  title: z.string(),
  hex: z.string(),
  masked: z.array(z.object({ offset: z.number(), length: z.number() })),
  /** With which secret, and whether secrets are masked. */
  note: z.string(),
});
export type DecryptedBytesDto = z.infer<typeof decryptedBytesSchema>;

export const traceRecordSchema = traceRowSchema.extend({
  hex: z.string(),
  dissection: z.array(fieldNodeSchema),
  decision: z.object({ allow: z.boolean(), reasons: z.array(z.string()) }).optional(),
  /** Absent when nothing is obfuscated or the lab's secret for the device does not verify. */
  decrypted: decryptedBytesSchema.optional(),
});
export type TraceRecordDto = z.infer<typeof traceRecordSchema>;

/**
 * The decrypted inner conversation a packet belongs to (PEAP's EAP-MSCHAPv2, TTLS's AVPs): each
 * round's outer request and the inner records traced as its children, secrets masked unless the
 * lab's trace.showSecrets.
 */
export const traceInnerOutputSchema = z.object({
  rounds: z.array(z.object({ outer: traceRowSchema, records: z.array(traceRecordSchema) })),
});
export type TraceInnerDto = z.infer<typeof traceInnerOutputSchema>;

export const traceFilterSchema = z.object({
  protocol: z.array(z.enum(['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'])).optional(),
  /** Server records are the lab's own; client records are the test client's copies. */
  role: z.array(z.enum(['server', 'client'])).optional(),
  device: z.string().optional(),
  user: z.string().optional(),
  result: z.array(z.enum(['pass', 'fail', 'error', 'drop', 'info'])).optional(),
  text: z.string().optional(),
  sessionId: z.string().optional(),
  /** A display filter (`tacacs.user == "bob" && result == fail`): see display-filter/. */
  expr: z.string().max(2000).optional(),
  fromUs: z.number().optional(),
  toUs: z.number().optional(),
});
export type TraceFilter = z.infer<typeof traceFilterSchema>;

export const traceListInputSchema = traceFilterSchema.extend({
  /** Rows with id < before (newest first); absent = newest. */
  before: z.number().int().optional(),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const traceListOutputSchema = z.object({ rows: z.array(traceRowSchema), total: z.number() });
