import type { EventName, EventPayload } from './events';
import { type Envelope, unwrap } from './envelope';
import { type ProcedureInput, type ProcedureName, type ProcedureOutput, procedureNames } from './procedures';

type Domain<N extends string> = N extends `${infer D}.${string}` ? D : never;
type Verb<N extends string, D extends string> = N extends `${D}.${infer V}` ? V : never;

/** `api.servers.list(input)`, `api.config.apply(input)`: one function per procedure, grouped by domain. */
export type LabProcedures = {
  [D in Domain<ProcedureName>]: {
    [V in Verb<ProcedureName, D>]: `${D}.${V}` extends infer K extends ProcedureName
      ? (input?: ProcedureInput<K>) => Promise<ProcedureOutput<K>>
      : never;
  };
};

export interface LabEvents {
  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the renderer talks to: `window.aaaLab` in Electron, the HTTP/WebSocket client in a browser. */
export type LabApi = LabProcedures & LabEvents;

/** The transport primitive both hosts provide: one call returning the envelope. */
export type Invoke = (name: ProcedureName, input: unknown) => Promise<Envelope<unknown>>;

/** Builds the grouped API from a transport; failures reject with LabError (code, message, issues). */
export function buildProcedures(invoke: Invoke): LabProcedures {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of procedureNames) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const verb = name.slice(dot + 1);
    (api[domain] ??= {})[verb] = async (input?: unknown) => unwrap(await invoke(name, input ?? {}));
  }
  return api as unknown as LabProcedures;
}
