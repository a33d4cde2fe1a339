// Zod-free on purpose: the Electron preload imports this module, and a sandboxed preload can
// require nothing but 'electron'. Only type imports from the zod-based modules below.
import type { LabEvents } from './api';
import type { Envelope } from './envelope';
import type { EventName } from './events';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from './procedures';

/** Every procedure name, as data. The check below fails to compile if it drifts from `procedures`. */
export const procedureNameList = [
  'lab.status',
  'lab.start',
  'lab.stop',
  'config.get',
  'config.validate',
  'config.apply',
  'servers.list',
  'policy.explain',
  'trace.list',
  'trace.get',
  'trace.inner',
  'trace.clear',
  'accounting.query',
  'sessions.list',
  'stats.get',
  'stats.reset',
  'stats.history',
  'backends.test',
  'backends.health',
  'backends.check',
  'client.tacacs',
  'client.radius',
  'client.radius.presets',
  'client.eap',
  'client.saved.list',
  'client.saved.get',
  'client.saved.save',
  'client.saved.delete',
  'trace.export',
  'accounting.export',
  'webConsole.signIn',
  'bench.validate',
  'bench.run',
  'bench.history',
  'bench.historyGet',
  'bench.report',
  'bench.examples',
  'load.start',
  'load.stop',
  'load.status',
  'audit.list',
  'users.totpEnrolment',
  'pki.init',
  'servers.start',
  'servers.stop',
  'devices.get',
  'devices.upsert',
  'devices.remove',
  'users.get',
  'users.upsert',
  'users.remove',
  'groups.upsert',
  'groups.remove',
  'settings.get',
  'settings.set',
] as const;

/** Every event name, as data; checked against `events` like the list above. */
export const eventNameList = [
  'lab.status.changed',
  'trace.appended',
  'trace.cleared',
  'stats.ticked',
  'accounting.recorded',
  'export.progressed',
  'bench.progressed',
  'load.ticked',
  'load.finished',
] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const procedureListIsComplete: Same<(typeof procedureNameList)[number], ProcedureName> = true;
const eventListIsComplete: Same<(typeof eventNameList)[number], EventName> = true;
void procedureListIsComplete;
void eventListIsComplete;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNameList as readonly string[]).includes(name);
}

type Domain<N extends string> = N extends `${infer D}.${string}` ? D : never;
type Verb<N extends string, D extends string> = N extends `${D}.${infer V}` ? V : never;

/**
 * What the Electron preload exposes as `window.aaaLab`: one named function per procedure, answering
 * with the envelope rather than throwing, because an Error crossing the contextBridge keeps only its
 * message (code and field-path issues would be lost). `fromBridge` turns it into a `LabApi`.
 */
export type LabBridgeProcedures = {
  [D in Domain<ProcedureName>]: {
    [V in Verb<ProcedureName, D>]: `${D}.${V}` extends infer K extends ProcedureName
      ? (input?: ProcedureInput<K>) => Promise<Envelope<ProcedureOutput<K>>>
      : never;
  };
};
export type LabBridge = LabBridgeProcedures & LabEvents;

/** The transport primitive: one call returning the envelope (ipcRenderer.invoke in the preload). */
export type BridgeInvoke = (name: ProcedureName, input: unknown) => Promise<Envelope<unknown>>;

/** Builds the grouped, named functions from a transport; nothing generic is exposed. */
export function buildBridge(invoke: BridgeInvoke): LabBridgeProcedures {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Envelope<unknown>>>> = {};
  for (const name of procedureNameList) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const verb = name.slice(dot + 1);
    (api[domain] ??= {})[verb] = (input?: unknown) => invoke(name, input ?? {});
  }
  return api as unknown as LabBridgeProcedures;
}
