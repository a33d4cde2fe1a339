import { LabError } from '../../../contract/envelope';
import type { HandlersOf } from '../../../contract/dispatch';
import type { loadProcedures, LoadSummary } from '../../../contract/load';
import type { LoadedLab } from '../../config/loaded-lab';
import type { EventBus } from '../../events';
import { labDictionary } from '../../radius/dictionary/load';
import { LoadRun } from './load-runner';

/** The part of the engine the load procedures use. */
export interface LoadEngine {
  readonly lab: LoadedLab;
  readonly events: Pick<EventBus, 'emit'>;
  onClose(fn: () => void): void;
}

/** One load run at a time per engine: its ticks and summary stay until the next one starts. */
export function loadHandlers(engine: LoadEngine): HandlersOf<typeof loadProcedures> {
  let current: { id: string; run: LoadRun; summary?: LoadSummary } | undefined;
  let seq = 0;
  // A run is bounded by its plan; closing the engine ends it sooner, like Stop.
  engine.onClose(() => current?.run.stop());
  return {
    'load.start': async (plan) => {
      if (current && !current.summary)
        throw new LabError('conflict', 'a load run is already running: stop it first');
      const id = `load-${Date.now()}-${++seq}`;
      const run = new LoadRun(plan, {
        dictionary: labDictionary(engine.lab).dictionary,
        onTick: (tick) => engine.events.emit('load.ticked', { id, tick }),
      });
      const entry: { id: string; run: LoadRun; summary?: LoadSummary } = { id, run };
      current = entry;
      void run.done.then((summary) => {
        entry.summary = summary;
        engine.events.emit('load.finished', { id, summary });
      });
      try {
        await run.start();
      } catch (e) {
        current = undefined;
        throw e;
      }
      return { id };
    },
    'load.stop': async () => {
      if (!current || current.summary) return { stopped: false };
      current.run.stop();
      return { stopped: true };
    },
    'load.status': async () =>
      current
        ? {
            id: current.id,
            running: !current.summary,
            plan: {
              protocol: current.run.plan.protocol,
              host: current.run.plan.host,
              port: current.run.plan.port,
              op: current.run.plan.op,
            },
            ticks: current.run.ticks,
            summary: current.summary,
          }
        : null,
  };
}
