import { readFileSync } from 'node:fs';
import { LocalBackend } from '../../src/engine/backends/local';
import { parseLab } from '../../src/engine/config/load';
import type { LoadedLab } from '../../src/engine/config/loaded-lab';
import type { EngineContext } from '../../src/engine/context';
import { createMetrics } from '../../src/engine/metrics/registry';
import { Policy } from '../../src/engine/policy/policy';
import type { AccountingInput, AccountingSink } from '../../src/engine/store/types';
import type { FieldNode } from '../../src/engine/packet-view';
import { resolveDissection, type TraceInput, type TraceSink } from '../../src/engine/trace/types';
import { fixturePath, sharedFixtures } from './fixtures';

/** In-memory trace and accounting sinks that tests can inspect (lazy dissections are run at once). */
export class MemoryTrace implements TraceSink {
  readonly records: (TraceInput & { id: number; dissection?: FieldNode[] })[] = [];
  append(input: TraceInput): number {
    const id = this.records.length + 1;
    const dissection =
      input.dissection === undefined ? undefined : resolveDissection(input.dissection, input.bytes);
    this.records.push({ ...input, dissection, id });
    return id;
  }
}

export class MemoryAccounting implements AccountingSink {
  readonly rows: AccountingInput[] = [];
  fail = false;
  insert(record: AccountingInput): number {
    if (this.fail) throw new Error('disk full');
    this.rows.push(record);
    return this.rows.length;
  }
}

/**
 * The conformance lab file with TACACS+ listeners moved to ephemeral ports (TLS material is read
 * from ../shared/fixtures/tls, never copied). `edit` may adjust the YAML text first.
 */
export function fixtureLab(edit: (yaml: string) => string = (y) => y): LoadedLab {
  let text = readFileSync(fixturePath('lab.yaml'), 'utf8');
  text = text
    .replace('listen: ["127.0.0.1:14949"]', 'listen: ["127.0.0.1:0"]')
    .replace('listen: ["127.0.0.1:14300"]', 'listen: ["127.0.0.1:0"]');
  return parseLab(edit(text), { baseDir: sharedFixtures, env: {} });
}

export function testContext(
  lab: LoadedLab = fixtureLab(),
): EngineContext & { trace: MemoryTrace; accounting: MemoryAccounting } {
  const policy = new Policy(lab, [new LocalBackend(lab.config.users)]);
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  return {
    lab: () => lab,
    policy: () => policy,
    trace: new MemoryTrace(),
    accounting: new MemoryAccounting(),
    metrics: createMetrics({ processMetrics: false }),
    log: silent,
  };
}
