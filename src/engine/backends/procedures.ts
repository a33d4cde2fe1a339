import type { backendsProcedures } from '../../contract/backends';
import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { LoadedLab } from '../config/loaded-lab';
import { createBackends } from './create';
import type { BackendHealthMonitor } from './health';
import { testBackend } from './test-backend';

/** The part of the engine backends.test reads. */
export interface BackendsEngine {
  readonly lab: LoadedLab;
  readonly backendHealth: BackendHealthMonitor;
  readonly opts: { readonly env?: Record<string, string | undefined> };
}

/**
 * backends.test: builds the named backend afresh from the lab in force (so the answer reflects the
 * file as it is, with cold-connection timing) and tries one login outside the Policy chain.
 */
export function backendsHandlers(engine: BackendsEngine): HandlersOf<typeof backendsProcedures> {
  const intervalS = (): number => engine.lab.config.backendHealth.intervalS;
  return {
    'backends.health': async () => ({ backends: engine.backendHealth.list(), intervalS: intervalS() }),
    'backends.check': async ({ backend }) => {
      if (backend !== undefined && !engine.lab.config.backends.some((b) => b.name === backend))
        throw new LabError('not_found', `no backend named "${backend}" in the lab file`);
      return { backends: await engine.backendHealth.check(backend), intervalS: intervalS() };
    },
    'backends.test': async ({ backend, username, password, code }) => {
      const lab = engine.lab;
      const cfg = lab.config.backends.find((b) => b.name === backend);
      if (!cfg) {
        const have = lab.config.backends.map((b) => b.name).join(', ') || 'none';
        throw new LabError('not_found', `no backend named "${backend}" in the lab file (backends: ${have})`);
      }
      const [built] = createBackends({ ...lab.config, backends: [cfg] }, engine.opts.env, {
        baseDir: lab.baseDir,
      });
      // A test login is a real one: it counts in the backend's health (last login, last error).
      const b = built && engine.backendHealth.observe(built);
      if (!b) throw new LabError('internal', `backend "${backend}" could not be built`);
      try {
        return await testBackend(b, username, password, code);
      } finally {
        await b.close();
      }
    },
  };
}
