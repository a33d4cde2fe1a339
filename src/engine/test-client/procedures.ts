import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { testClientProcedures } from '../../contract/test-client';
import {
  savedRequestSchema,
  type SavedRequestDto,
  type savedRequestProcedures,
} from '../../contract/test-client-saved';
import type { eapClientProcedures } from '../../contract/test-client-eap';
import type { LoadedLab } from '../config/loaded-lab';
import type { Logger } from '../context';
import { labDictionary } from '../radius/dictionary/load';
import { masked, type SavedRequest, type SavedRequestsRepo } from '../store/saved-requests-repo';
import type { TraceStore } from '../trace/trace-store';
import type { TraceSink } from '../trace/types';
import { withLabView } from './lab-view';
import { runEapRequest } from './eap/eap-request';
import { listPresets, runRadius } from './radius-request';
import { runTacacs } from './tacacs-request';

/** The part of the engine the Test client's procedures use. */
export interface TestClientEngine {
  readonly lab: LoadedLab;
  readonly trace: TraceSink & Pick<TraceStore, 'twinOf' | 'get'>;
  readonly log: Logger;
  readonly savedRequests: SavedRequestsRepo;
}

/**
 * The Test client's procedures: requests go out from the engine's process (so any reachable server,
 * this lab's included) and every packet is recorded in the lab's trace with role "client".
 */
export function testClientHandlers(
  engine: TestClientEngine,
): HandlersOf<typeof testClientProcedures & typeof savedRequestProcedures> {
  const dto = (s: SavedRequest & { secrets: string[] }): SavedRequestDto | undefined => {
    const parsed = savedRequestSchema.safeParse(s);
    if (parsed.success) return parsed.data;
    engine.log.warn(`saved request ${s.id} (${s.name}) no longer matches the request schema; skipped`);
    return undefined;
  };
  const must = (d: SavedRequestDto | undefined, id: number): SavedRequestDto => {
    if (!d) throw new LabError('not_found', `saved request ${id} does not exist (or no longer loads)`);
    return d;
  };
  return {
    'client.tacacs': async (input) => withLabView(await runTacacs(input, engine.trace), engine.trace),
    'client.radius': async (input) =>
      withLabView(
        await runRadius(input, { trace: engine.trace, dictionary: labDictionary(engine.lab).dictionary }),
        engine.trace,
      ),
    'client.radius.presets': async () => listPresets(),
    'client.saved.list': async ({ kind }) => engine.savedRequests.list(kind).flatMap((s) => dto(s) ?? []),
    'client.saved.get': async ({ id }) => {
      const s = engine.savedRequests.get(id);
      return must(s && dto({ ...s, secrets: masked(s).secrets }), id);
    },
    'client.saved.save': async ({ name, kind, request }) => {
      const s = engine.savedRequests.save(kind, name, request);
      return must(dto(masked(s)), s.id);
    },
    'client.saved.delete': async ({ id }) => ({ deleted: engine.savedRequests.delete(id) }),
  };
}

/** `client.eap`: a whole EAP conversation as a supplicant, its RADIUS packets in the trace. */
export function eapClientHandlers(engine: TestClientEngine): HandlersOf<typeof eapClientProcedures> {
  return {
    'client.eap': async (input) =>
      withLabView(
        await runEapRequest(input, { trace: engine.trace, dictionary: labDictionary(engine.lab).dictionary }),
        engine.trace,
      ),
  };
}
