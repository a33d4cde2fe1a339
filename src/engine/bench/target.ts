import { resolve } from 'node:path';
import type { TargetOverride } from '../../contract/bench';
import type { Suite, TargetSpec } from './suite-schema';

/** A target with everything a step needs: host, ports, per-protocol secrets, TLS file paths. */
export interface ResolvedTarget {
  name: string;
  host: string;
  tacacsSecret?: string;
  radiusSecret?: string;
  coaSecret?: string;
  ports: { tacacs: number; radiusAuth: number; radiusAcct: number; coa: number };
  tls?: TargetSpec['tls'];
  radsec?: TargetSpec['radsec'];
}

/** What "lab" means where the suite runs: the engine's own listeners, or nothing (the CLI without --target). */
export type LabTarget = () => ResolvedTarget | undefined;

export class TargetError extends Error {}

/**
 * Resolves a step's target. "lab" is this lab (its loopback device's secrets), with the run's
 * override (CLI --target) on top; named targets come from the suite, TLS paths relative to it.
 */
export function resolveTarget(
  name: string,
  suite: Suite,
  opts: { lab: LabTarget; override?: TargetOverride; baseDir?: string },
): ResolvedTarget {
  if (name !== 'lab') {
    const t = suite.targets[name];
    if (!t) throw new TargetError(`unknown target "${name}"`);
    const files = (f: TargetSpec['tls']) =>
      f && {
        ...f,
        ca: f.ca && resolve(opts.baseDir ?? '.', f.ca),
        cert: f.cert && resolve(opts.baseDir ?? '.', f.cert),
        key: f.key && resolve(opts.baseDir ?? '.', f.key),
      };
    return {
      name,
      host: t.host,
      tacacsSecret: t.tacacsSecret ?? t.secret,
      radiusSecret: t.radiusSecret ?? t.secret,
      coaSecret: t.coaSecret ?? t.secret,
      ports: t.ports,
      tls: files(t.tls),
      radsec: files(t.radsec),
    };
  }
  const base = opts.lab();
  const o = opts.override ?? {};
  const host = o.host ?? base?.host;
  if (!host)
    throw new TargetError(
      'the "lab" target needs a running lab (or --target host=…,secret=…, or --config lab.yaml)',
    );
  const d = { tacacs: 49, radiusAuth: 1812, radiusAcct: 1813, coa: 3799 };
  return {
    name,
    host,
    tacacsSecret: o.secret ?? base?.tacacsSecret,
    radiusSecret: o.secret ?? base?.radiusSecret,
    coaSecret: o.secret ?? base?.coaSecret,
    ports: {
      tacacs: o.tacacs ?? base?.ports.tacacs ?? d.tacacs,
      radiusAuth: o.radiusAuth ?? base?.ports.radiusAuth ?? d.radiusAuth,
      radiusAcct: o.radiusAcct ?? base?.ports.radiusAcct ?? d.radiusAcct,
      coa: o.coa ?? base?.ports.coa ?? d.coa,
    },
  };
}
