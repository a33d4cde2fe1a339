import { dirname, join, resolve } from 'node:path';
import type { Handlers, HandlersOf } from '../contract/dispatch';
import { labDiff } from './config/lab-diff';
import { auditHandlers } from './store/audit-procedures';
import type { coreProcedures } from '../contract/procedures';
import { LabError } from '../contract/envelope';
import { toHex } from './hex';
import { ConfigError, parseLab } from './config/load';
import { saveAtomically } from './config/save';
import type { Engine } from './lab';
import { explain } from './policy/explain';
import { observabilityHandlers } from './metrics/procedures';
import { backendsHandlers } from './backends/procedures';
import { testClientHandlers } from './test-client/procedures';
import { exportHandlers } from './export/procedures';
import { webConsoleHandlers } from './http/admin/procedures';

/**
 * The contract's procedures over one engine. A procedure missing here is a compile error. Domains
 * with their own handler modules (e.g. `tacacsHandlers(engine)`) are spread into the result.
 */
export function createHandlers(engine: Engine): Handlers {
  return {
    ...coreHandlers(engine),
    ...observabilityHandlers(engine),
    ...backendsHandlers(engine),
    ...testClientHandlers(engine),
    ...exportHandlers(engine),
    ...webConsoleHandlers(),
    ...auditHandlers(engine),
  };
}

function coreHandlers(engine: Engine): HandlersOf<typeof coreProcedures> {
  const parse = (source: string) => {
    // The built-in default lab is read-only (packaged apps, checkouts): edits of it are saved as
    // <data dir>/lab.yaml, which later starts reopen.
    const current = engine.lab.path;
    const path =
      current && current !== resolve(engine.opts.defaultConfigPath)
        ? current
        : join(engine.opts.dataDir, 'lab.yaml');
    return parseLab(source, { baseDir: dirname(path), path, env: engine.opts.env });
  };

  return {
    'lab.status': async () => engine.status(),
    'lab.start': async () => engine.start(),
    'lab.stop': async () => {
      await engine.stop();
      return engine.status();
    },
    'config.get': async () => ({ path: engine.lab.path, source: engine.lab.source }),
    'config.validate': async ({ source }) => {
      try {
        const lab = parse(source);
        return { ok: true, errors: [], warnings: lab.warnings.map(strip) };
      } catch (e) {
        if (e instanceof ConfigError)
          return { ok: false, errors: e.errors.map(strip), warnings: e.warnings.map(strip) };
        throw e;
      }
    },
    'config.apply': async ({ source, save }) => {
      let next;
      try {
        next = parse(source);
      } catch (e) {
        if (e instanceof LabError) engine.noteReloadFailure(e);
        throw e;
      }
      const before = engine.lab.source;
      await engine.apply(next);
      if (save && next.path) await saveAtomically(next.path, source);
      engine.audit.append('config.applied', { path: next.path, saved: save, diff: labDiff(before, source) });
      return engine.status();
    },
    'servers.list': async () => engine.status().services,
    'policy.explain': async (input) => explain(engine.policy, input),
    'trace.list': async (input) => engine.trace.list(input),
    'trace.get': async ({ id }) => {
      const rec = engine.trace.get(id);
      if (!rec)
        throw new LabError('not_found', `trace record ${id} is no longer in the ring (or never existed)`);
      const { bytes, ...rest } = rec;
      return { ...rest, hex: toHex(bytes) };
    },
    'trace.clear': async () => {
      const cleared = engine.trace.clear();
      engine.events.emit('trace.cleared', {});
      return { cleared };
    },
  };
}

function strip(i: { path: string; message: string; line?: number }) {
  return { path: i.path, message: i.message, line: i.line };
}
