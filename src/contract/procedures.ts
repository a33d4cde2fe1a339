import { z } from 'zod';
import {
  configDocSchema,
  explainInputSchema,
  explainOutputSchema,
  labStatusSchema,
  serviceStateSchema,
  validateOutputSchema,
} from './schemas';
import { auditProcedures } from './audit';
import { usersMfaProcedures } from './users-mfa';
import { pkiProcedures } from './pki';
import { serversProcedures } from './servers';
import { labEditProcedures } from './lab-edit';
import { settingsProcedures } from './settings';
import { backendsProcedures } from './backends';
import { benchProcedures } from './bench';
import { loadProcedures } from './load';
import { exportProcedures } from './exports';
import { observabilityProcedures } from './observability';
import { statsHistoryProcedures } from './stats';
import { testClientProcedures } from './test-client';
import { eapClientProcedures } from './test-client-eap';
import { savedRequestProcedures } from './test-client-saved';
import { webConsoleProcedures } from './web-console';
import {
  traceInnerOutputSchema,
  traceListInputSchema,
  traceListOutputSchema,
  traceRecordSchema,
} from './trace';

export const none = z.object({}).default({});

/**
 * The API between the renderer and the engine, whatever carries it (Electron IPC or HTTP).
 * Names are `domain.verb`. Inputs are parsed at every trust boundary; outputs are typed.
 */
export const coreProcedures = {
  'lab.status': { input: none, output: labStatusSchema },
  'lab.start': { input: none, output: labStatusSchema },
  'lab.stop': { input: none, output: labStatusSchema },
  'config.get': { input: none, output: configDocSchema },
  'config.validate': { input: z.object({ source: z.string() }), output: validateOutputSchema },
  'config.apply': {
    input: z.object({ source: z.string(), save: z.boolean().default(true) }),
    output: labStatusSchema,
  },
  'servers.list': { input: none, output: z.array(serviceStateSchema) },
  'policy.explain': { input: explainInputSchema, output: explainOutputSchema },
  'trace.list': { input: traceListInputSchema, output: traceListOutputSchema },
  'trace.get': { input: z.object({ id: z.number().int() }), output: traceRecordSchema },
  'trace.inner': { input: z.object({ id: z.number().int() }), output: traceInnerOutputSchema },
  'trace.clear': { input: none, output: z.object({ cleared: z.number() }) },
} as const;

/**
 * Each domain keeps its procedures in its own module (src/contract/<domain>.ts exporting a table
 * like `coreProcedures`) and is spread in here, so features land without editing each other's lines.
 */
export const procedures = {
  ...coreProcedures,
  ...observabilityProcedures,
  ...statsHistoryProcedures,
  ...backendsProcedures,
  ...testClientProcedures,
  ...eapClientProcedures,
  ...savedRequestProcedures,
  ...exportProcedures,
  ...webConsoleProcedures,
  ...benchProcedures,
  ...loadProcedures,
  ...auditProcedures,
  ...usersMfaProcedures,
  ...pkiProcedures,
  ...serversProcedures,
  ...labEditProcedures,
  ...settingsProcedures,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ProcedureParsedInput<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type ProcedureOutput<K extends ProcedureName> = z.output<Procedures[K]['output']>;

export const procedureNames = Object.keys(procedures) as ProcedureName[];

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(procedures, name);
}
