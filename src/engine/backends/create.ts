import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LabConfig } from '../config/schema';
import { LdapBackend, type LdapOptions } from './ldap';
import type { LdapConfig } from './ldap-directory';
import { LocalBackend } from './local';
import { OidcBackend, type OidcOptions } from './oidc';
import { OktaBackend } from './okta';
import type { AuthBackend } from './types';

export interface CreateBackendsOptions {
  /** Directory relative paths (tlsCa) resolve against: the lab file's directory. */
  baseDir?: string;
  oidc?: OidcOptions;
}

/**
 * The backend chain of a lab, in the order of `backends:` (Policy asks them in turn; the first that
 * knows the user answers). `${VAR}` references were already replaced by the config loader
 * (config/env.ts), which reports a missing variable as a config error naming the field; `env` is
 * kept for callers that build a chain from a config that did not go through the loader.
 * Never throws for a backend's runtime problems (unreadable CA, dead server): those become reasons.
 */
export function createBackends(
  config: LabConfig,
  _env: Record<string, string | undefined> = process.env,
  opts: CreateBackendsOptions = {},
): AuthBackend[] {
  return config.backends.map((b): AuthBackend => {
    switch (b.type) {
      case 'local':
        return new LocalBackend(config.users, b.name);
      case 'ldap':
        return new LdapBackend(b, ldapTls(b, opts.baseDir ?? process.cwd()));
      case 'oidc':
        return new OidcBackend(b, opts.oidc);
      case 'okta':
        return new OktaBackend(b);
    }
  });
}

/** tlsCa is a PEM file relative to the lab file, or the PEM text itself. */
function ldapTls(cfg: LdapConfig, baseDir: string): LdapOptions {
  if (!cfg.tlsCa) return {};
  if (cfg.tlsCa.includes('-----BEGIN')) return { ca: Buffer.from(cfg.tlsCa) };
  const path = resolve(baseDir, cfg.tlsCa);
  try {
    return { ca: readFileSync(path) };
  } catch (e) {
    return {
      setupError: `cannot read tlsCa ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
}
