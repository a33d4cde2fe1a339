import { z } from 'zod';
import { type Envelope, LabError, zodIssues } from './envelope';
import {
  isProcedureName,
  type ProcedureName,
  type ProcedureOutput,
  type ProcedureParsedInput,
  procedures,
} from './procedures';

/** The engine's side of the contract: a missing handler is a compile error in lab.ts. */
export type Handlers = {
  [K in ProcedureName]: (input: ProcedureParsedInput<K>) => Promise<ProcedureOutput<K>>;
};

/**
 * The one loop both adapters (Electron IPC, HTTP) run after checking the sender: parse the input,
 * call the handler, answer with the envelope. Nothing thrown crosses the boundary raw.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  onInternalError?: (name: string, err: unknown) => void,
): Promise<Envelope<unknown>> {
  if (!isProcedureName(name)) {
    return { ok: false, error: { code: 'not_found', message: `unknown procedure "${name}"`, issues: [] } };
  }
  const parsed = procedures[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `invalid input for ${name}`, issues: zodIssues(parsed.error) },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof LabError) return { ok: false, error: err.toContract() };
    if (err instanceof z.ZodError) {
      return {
        ok: false,
        error: { code: 'internal', message: `${name} produced an invalid answer`, issues: zodIssues(err) },
      };
    }
    onInternalError?.(name, err);
    return {
      ok: false,
      error: { code: 'internal', message: (err as Error)?.message ?? String(err), issues: [] },
    };
  }
}

/** The handlers of one domain's procedure table, e.g. `HandlersOf<typeof tacacsProcedures>`. */
export type HandlersOf<T> = Pick<Handlers, keyof T & ProcedureName>;
