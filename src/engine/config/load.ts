import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { LabError, formatPath } from '../../contract/envelope';
import { DeviceIndex } from '../policy/devices';
import { semanticChecks, type RawIssue } from './checks';
import { interpolateEnv } from './env';
import type { ConfigIssue, LoadedLab, TlsMaterial } from './loaded-lab';
import { labSchema, type LabConfig } from './schema';

/** A lab file that cannot be used; `issues` lists every error (and warnings) with field path and line. */
export class ConfigError extends LabError {
  constructor(
    readonly errors: ConfigIssue[],
    readonly warnings: ConfigIssue[],
    source?: string,
  ) {
    const first = errors[0];
    const where = source ? `${source}: ` : '';
    const head = first
      ? `${first.path}: ${first.message}${first.line ? ` (line ${first.line})` : ''}`
      : 'invalid';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super('invalid_config', `${where}${head}${more}`, errors);
    this.name = 'ConfigError';
  }
}

export interface ParseOptions {
  /** Directory relative paths (TLS files, dictionaries) are resolved against. */
  baseDir: string;
  path?: string;
  env?: Record<string, string | undefined>;
}

export async function loadLabFile(
  path: string,
  env: Record<string, string | undefined> = process.env,
): Promise<LoadedLab> {
  const abs = resolve(path);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ConfigError(
      [{ path: '(file)', message: `cannot read ${abs}: ${err.code ?? err.message}`, severity: 'error' }],
      [],
    );
  }
  return parseLab(text, { baseDir: dirname(abs), path: abs, env });
}

/** Parses and validates lab YAML. Throws ConfigError listing every problem; returns warnings otherwise. */
export function parseLab(source: string, opts: ParseOptions): LoadedLab {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (at: (string | number)[]) => findLine(doc, lines, at);
  const toIssue = (r: RawIssue): ConfigIssue => ({
    path: formatPath(r.at),
    message: r.message,
    line: lineOf(r.at),
    severity: r.severity,
  });

  if (doc.errors.length) {
    const errors = doc.errors.map((e) => ({
      path: '(yaml)',
      message: e.message.split('\n')[0] ?? e.message,
      line: lines.linePos(e.pos[0]).line,
      severity: 'error' as const,
    }));
    throw new ConfigError(errors, [], opts.path);
  }

  const envIssues: Array<{ at: (string | number)[]; message: string; severity: 'error' }> = [];
  const raw = interpolateEnv(doc.toJS() ?? {}, opts.env ?? process.env, [], envIssues as never);
  const warnings: ConfigIssue[] = [];
  const errors: ConfigIssue[] = envIssues.map((i) => toIssue(i));

  let result = labSchema.safeParse(raw);
  if (!result.success) {
    // Unknown keys are warnings (a newer lab file on an older build must still load): drop and retry.
    const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
    for (const u of unknown) {
      for (const key of (u as { keys: string[] }).keys) {
        const at = [...(u.path as (string | number)[]), key];
        warnings.push({
          path: formatPath(at),
          message: `unknown key "${key}" ignored`,
          line: lineOf(at),
          severity: 'warning',
        });
        deleteAt(raw, at);
      }
    }
    if (unknown.length) result = labSchema.safeParse(raw);
  }
  if (!result.success) {
    for (const i of result.error.issues) {
      const at = i.path as (string | number)[];
      errors.push({
        path: formatPath(at),
        message: describeZodIssue(i, raw),
        line: lineOf(at),
        severity: 'error',
      });
    }
  }
  if (errors.length || !result.success) throw new ConfigError(errors, warnings, opts.path);

  const config = result.data;
  for (const r of semanticChecks(config)) (r.severity === 'error' ? errors : warnings).push(toIssue(r));
  const tls = readTls(config, opts.baseDir, (at, message) =>
    errors.push(toIssue({ at, message, severity: 'error' })),
  );
  if (errors.length) throw new ConfigError(errors, warnings, opts.path);

  return {
    config,
    path: opts.path,
    baseDir: opts.baseDir,
    source,
    tls,
    devices: new DeviceIndex(config.devices),
    warnings,
    notices: [],
  };
}

function readTls(
  cfg: LabConfig,
  baseDir: string,
  fail: (at: (string | number)[], msg: string) => void,
): LoadedLab['tls'] {
  const read = (at: (string | number)[], file: string | undefined): Buffer | undefined => {
    if (!file) return undefined;
    const abs = resolve(baseDir, file);
    try {
      return readFileSync(abs);
    } catch (e) {
      fail(at, `cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return undefined;
    }
  };
  const material = (
    prefix: string[],
    t?: { cert: string; key: string; ca?: string },
  ): TlsMaterial | undefined => {
    if (!t) return undefined;
    const cert = read([...prefix, 'cert'], t.cert);
    const key = read([...prefix, 'key'], t.key);
    const ca = read([...prefix, 'ca'], t.ca);
    if (!cert || !key) return undefined;
    return {
      cert,
      key,
      ca,
      paths: {
        cert: resolve(baseDir, t.cert),
        key: resolve(baseDir, t.key),
        ca: t.ca && resolve(baseDir, t.ca),
      },
    };
  };
  return {
    tacacs: material(['tacacs', 'tls'], cfg.tacacs?.tls),
    radsec: material(['radius', 'radsec'], cfg.radius?.radsec),
    eap: material(['radius', 'eap'], eapFiles(cfg)),
    web: material(['web', 'tls'], cfg.web.tls),
  };
}

/** radius.eap's certificate files, when it names a certificate (the TLS-based methods need one). */
function eapFiles(cfg: LabConfig): { cert: string; key: string; ca?: string } | undefined {
  const e = cfg.radius?.eap;
  return e?.cert && e.key ? { cert: e.cert, key: e.key, ca: e.ca } : undefined;
}

function describeZodIssue(i: { code: string; message: string; path: PropertyKey[] }, raw: unknown): string {
  if (i.code === 'invalid_type') {
    const got = valueAt(raw, i.path as (string | number)[]);
    if (got === undefined) return `is required (${i.message.replace(/^Invalid input: /, '')})`;
    return `${i.message.replace(/^Invalid input: /, '')}, got ${JSON.stringify(got)}`;
  }
  return i.message;
}

function valueAt(root: unknown, at: (string | number)[]): unknown {
  let v: unknown = root;
  for (const k of at) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function deleteAt(root: unknown, at: (string | number)[]): void {
  const parent = valueAt(root, at.slice(0, -1));
  if (parent && typeof parent === 'object')
    delete (parent as Record<string | number, unknown>)[at[at.length - 1]!];
}

/** Line of the deepest YAML node that exists along `at` (1-based). */
function findLine(doc: Document, lines: LineCounter, at: (string | number)[]): number | undefined {
  for (let n = at.length; n >= 0; n--) {
    const node = doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
