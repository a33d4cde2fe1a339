import { buildProcedures, type LabApi } from './api';
import type { Envelope } from './envelope';
import type { LabBridge } from './bridge';

type BridgeFn = (input: unknown) => Promise<Envelope<unknown>>;

/**
 * The renderer's side of the Electron transport: wraps `window.aaaLab` (envelopes) into the
 * `LabApi` every screen uses, rejecting with LabError (code, message, issues) in the page's world.
 */
export function fromBridge(bridge: LabBridge): LabApi {
  const grouped = bridge as unknown as Record<string, Record<string, BridgeFn> | undefined>;
  const procedures = buildProcedures(async (name, input) => {
    const dot = name.indexOf('.');
    const fn = grouped[name.slice(0, dot)]?.[name.slice(dot + 1)];
    if (typeof fn !== 'function') {
      return {
        ok: false,
        error: { code: 'not_found', message: `the desktop bridge has no ${name}`, issues: [] },
      };
    }
    return fn(input);
  });
  return { ...procedures, on: (event, listener) => bridge.on(event, listener) };
}
