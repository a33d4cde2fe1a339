import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { benchProcedures } from '../../contract/bench';
import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { LoadedLab } from '../config/loaded-lab';
import type { EventBus } from '../events';
import type { BenchHistoryRepo } from './history-repo';
import type { LabTargetEngine } from './lab-target';
import { labDictionary } from '../radius/dictionary/load';
import { htmlReport } from './html-report';
import { junitXml } from './junit';
import { engineLabTarget } from './lab-target';
import { runSuite, type RunOptions } from './runner';
import { parseSuite, SuiteError } from './suite-load';

/** The part of the engine the Bench procedures use. */
export interface BenchEngine extends LabTargetEngine {
  readonly lab: LoadedLab;
  readonly trace: RunOptions['trace'];
  readonly events: Pick<EventBus, 'emit'>;
  readonly benchHistory: BenchHistoryRepo;
  readonly opts: { readonly defaultConfigPath: string };
}

/** The Bench screen's procedures: suites run from the engine's process, every packet in the lab's trace. */
export function benchHandlers(engine: BenchEngine): HandlersOf<typeof benchProcedures> {
  return {
    'bench.validate': async ({ source }) => {
      try {
        return { ok: true, errors: [], steps: parseSuite(source).steps.length };
      } catch (e) {
        if (e instanceof SuiteError) return { ok: false, errors: e.errors, steps: 0 };
        throw e;
      }
    },
    'bench.run': async ({ source, name, vars, target, runId }) => {
      const suite = parseSuite(source, name);
      const id = runId ?? `run-${Date.now()}`;
      const result = await runSuite(suite, name, {
        trace: engine.trace,
        dictionary: labDictionary(engine.lab).dictionary,
        lab: () => engineLabTarget(engine),
        override: target,
        vars,
        runId: id,
        onStep: (index, total, step) =>
          engine.events.emit('bench.progressed', { runId: id, index, total, step }),
      });
      const historyId = engine.benchHistory.add(result, source);
      return { ...result, id: historyId };
    },
    'bench.history': async ({ limit }) => engine.benchHistory.list(limit),
    'bench.historyGet': async ({ id }) => {
      const r = engine.benchHistory.get(id);
      if (!r) throw new LabError('not_found', `bench run ${id} is not in the history`);
      return r;
    },
    'bench.report': async ({ id, format }) => {
      const r = engine.benchHistory.get(id);
      if (!r) throw new LabError('not_found', `bench run ${id} is not in the history`);
      const base = `${r.suite.replace(/[^\w.-]+/g, '-')}-${id}`;
      return format === 'junit'
        ? { filename: `${base}.xml`, mime: 'application/xml', text: junitXml(r) }
        : { filename: `${base}.html`, mime: 'text/html', text: htmlReport(r) };
    },
    'bench.examples': async () =>
      exampleSuites(join(dirname(dirname(engine.opts.defaultConfigPath)), 'examples')),
  };
}

/** The example suites beside the app (examples/*.yaml); none when the folder is not shipped. */
export function exampleSuites(dir: string): Array<{ name: string; source: string }> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort();
  } catch {
    return [];
  }
  return files.map((f) => ({ name: f, source: readFileSync(join(dir, f), 'utf8') }));
}
