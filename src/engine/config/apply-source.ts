import { dirname, join, resolve } from 'node:path';
import type { AuditRepo } from '../store/audit-repo';
import { labDiff } from './lab-diff';
import { parseLab } from './load';
import type { LabFileWatch } from './lab-file-watch';
import type { LoadedLab } from './loaded-lab';
import { saveAtomically } from './save';

/** The part of the engine that changing the lab file needs (config.apply and the structured edits). */
export interface LabApplyEngine {
  readonly lab: LoadedLab;
  readonly opts: {
    readonly defaultConfigPath: string;
    readonly dataDir: string;
    readonly env?: Record<string, string | undefined>;
  };
  readonly audit: Pick<AuditRepo, 'append'>;
  /** Re-read after a save, so "running ≠ file" clears at once rather than on the next watch event. */
  readonly labFile: Pick<LabFileWatch, 'check'>;
  apply(lab: LoadedLab): Promise<void>;
}

/**
 * Where the lab is saved: its own file, except the built-in default lab (read-only in packaged apps
 * and checkouts), whose edits go to <data dir>/lab.yaml, which later starts reopen.
 */
export function savePath(engine: LabApplyEngine): string {
  const current = engine.lab.path;
  return current && current !== resolve(engine.opts.defaultConfigPath)
    ? current
    : join(engine.opts.dataDir, 'lab.yaml');
}

/** Validates lab text as it would load from savePath(); throws ConfigError listing every problem. */
export function parseForEngine(engine: LabApplyEngine, source: string): LoadedLab {
  const path = savePath(engine);
  return parseLab(source, { baseDir: dirname(path), path, env: engine.opts.env });
}

/** Puts a validated lab in force, saves its text atomically when asked, and audits the change. */
export async function applyLab(
  engine: LabApplyEngine,
  next: LoadedLab,
  o: { save: boolean; action: string; detail?: Record<string, unknown> },
): Promise<void> {
  const before = engine.lab.source;
  await engine.apply(next);
  if (o.save && next.path) await saveAtomically(next.path, next.source);
  await engine.labFile.check();
  engine.audit.append(o.action, {
    ...o.detail,
    path: next.path,
    saved: o.save,
    diff: labDiff(before, next.source),
  });
}
