import type { LabConfig } from '../config/schema';
import { LocalBackend } from './local';
import type { AuthBackend } from './types';

/**
 * The backend chain of a lab, in the order of `backends:`. Directory and OpenID backends register
 * themselves in `remoteBackends` (see ldap.ts, oidc.ts) so this module stays free of their clients.
 */
export function createBackends(
  config: LabConfig,
  env: Record<string, string | undefined> = process.env,
): AuthBackend[] {
  return config.backends.map((b) => {
    if (b.type === 'local') return new LocalBackend(config.users, b.name);
    const make = remoteBackends[b.type];
    if (!make) throw new Error(`backend type ${b.type} is not available in this build`);
    return make(b as never, env);
  });
}

type RemoteConfig = Exclude<LabConfig['backends'][number], { type: 'local' }>;
export const remoteBackends: Partial<
  Record<RemoteConfig['type'], (cfg: RemoteConfig, env: Record<string, string | undefined>) => AuthBackend>
> = {};
