import { readFileSync } from 'node:fs';
import type { LoadedLab } from '../../src/engine/config/loaded-lab';
import { parseLab } from '../../src/engine/config/load';
import type { EngineContext, ListenerInfo } from '../../src/engine/context';
import { LocalBackend } from '../../src/engine/backends/local';
import { createMetrics } from '../../src/engine/metrics/registry';
import { Policy } from '../../src/engine/policy/policy';
import type { AccountingInput } from '../../src/engine/store/types';
import type { FieldNode } from '../../src/engine/packet-view';
import { resolveDissection, type TraceInput } from '../../src/engine/trace/types';

export const FIXTURE_DIR = '/work/shared/fixtures';

/**
 * The conformance lab with every listener moved to an ephemeral port (tests never race for the
 * fixture's fixed ports) and optional YAML edits. Sinks are in-memory arrays the tests inspect.
 */
export function fixtureLab(edit: (yaml: string) => string = (y) => y): LoadedLab {
  const text = edit(
    readFileSync(`${FIXTURE_DIR}/lab.yaml`, 'utf8').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:0'),
  );
  return parseLab(text, { baseDir: FIXTURE_DIR, path: `${FIXTURE_DIR}/lab.yaml` });
}

export interface TestContext extends EngineContext {
  /** Every traced packet, lazy dissections already run (tests read the trees). */
  traces: (TraceInput & { dissection?: FieldNode[] })[];
  records: AccountingInput[];
}

export function testContext(lab: LoadedLab = fixtureLab()): TestContext {
  const traces: TestContext['traces'] = [];
  const records: AccountingInput[] = [];
  const policy = new Policy(lab, [new LocalBackend(lab.config.users)]);
  const noop = (): void => {};
  return {
    lab: () => lab,
    policy: () => policy,
    trace: {
      append: (t) =>
        traces.push({
          ...t,
          dissection: t.dissection === undefined ? undefined : resolveDissection(t.dissection, t.bytes),
        }),
    },
    accounting: { insert: (r) => records.push(r) },
    metrics: createMetrics({ processMetrics: false }),
    log: { debug: noop, info: noop, warn: noop, error: (m, f) => console.error(m, f) },
    traces,
    records,
  };
}

export function portOf(listeners: ListenerInfo[], service: ListenerInfo['service']): number {
  const l = listeners.find((x) => x.service === service);
  if (!l) throw new Error(`no ${service} listener`);
  return l.port;
}
