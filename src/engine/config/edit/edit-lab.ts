import { parseDocument, type Document } from 'yaml';
import { LabError } from '../../../contract/envelope';
import { applyLab, parseForEngine, type LabApplyEngine } from '../apply-source';
import { ConfigError } from '../load';
import type { ItemPath } from './entities';
import { renderEdited } from './splice';

/** One edit at a time per engine: each reads the lab the previous one left. */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Changes the lab file through its YAML document (comments and untouched sections kept), validates
 * the result with the lab schema, puts it in force and saves it, as config.apply does. `mutate`
 * returns where the edited item sits, so errors about it name its fields (`match`, not
 * `devices[2].match`). Nothing changes when validation fails.
 */
export function editLab(
  engine: LabApplyEngine,
  audit: { action: string; detail?: Record<string, unknown> },
  mutate: (doc: Document) => ItemPath | void,
): Promise<void> {
  const run = (queues.get(engine) ?? Promise.resolve())
    .catch(() => {})
    .then(() => editNow(engine, audit, mutate));
  queues.set(engine, run);
  return run;
}

async function editNow(
  engine: LabApplyEngine,
  audit: { action: string; detail?: Record<string, unknown> },
  mutate: (doc: Document) => ItemPath | void,
): Promise<void> {
  const source = engine.lab.source;
  const doc = parseDocument(source);
  const at = mutate(doc) ?? undefined;
  const text = renderEdited(source, parseDocument(source), doc);
  let next;
  try {
    next = parseForEngine(engine, text);
  } catch (e) {
    if (e instanceof ConfigError) throw itemErrors(e, at);
    throw e;
  }
  await applyLab(engine, next, { save: true, ...audit });
}

/** The schema's errors with the edited item's prefix taken off its own fields. */
export function itemErrors(e: ConfigError, at: ItemPath | undefined): LabError {
  const prefix = at ? `${at[0]}[${at[1]}]` : undefined;
  const issues = e.errors.map((i) => {
    if (
      !prefix ||
      (i.path !== prefix && !i.path.startsWith(`${prefix}.`) && !i.path.startsWith(`${prefix}[`))
    )
      return { path: i.path, message: i.message };
    const rest = i.path.slice(prefix.length).replace(/^\./, '');
    return { path: rest || '(item)', message: i.message };
  });
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new LabError('invalid_config', first ? `${first.path}: ${first.message}${more}` : e.message, issues);
}
