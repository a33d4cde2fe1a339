import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { LabStatus } from '../../contract/schemas';
import type { serversProcedures } from '../../contract/servers';
import type { AuditRepo } from '../store/audit-repo';

/** Why the web listener is listed but has no Stop: shown in the UI and given by servers.stop. */
export const WEB_LOCKED =
  'The web listener serves this console, the REST API and /metrics: stopping it from a page it serves would cut that page off. It runs as long as aaa-lab serve (or the desktop app) does.';

/** The part of the engine per-service start/stop uses. */
export interface ServersEngine {
  startService(name: string): Promise<void>;
  stopService(name: string): Promise<void>;
  status(): Pick<LabStatus, 'services'>;
  readonly audit: Pick<AuditRepo, 'append'>;
}

export function serversHandlers(engine: ServersEngine): HandlersOf<typeof serversProcedures> {
  return {
    'servers.start': async ({ service }) => {
      if (service === 'web') throw new LabError('conflict', WEB_LOCKED);
      await engine.startService(service);
      engine.audit.append('server.started', { service });
      return engine.status().services;
    },
    'servers.stop': async ({ service }) => {
      if (service === 'web') throw new LabError('conflict', WEB_LOCKED);
      await engine.stopService(service);
      engine.audit.append('server.stopped', { service });
      return engine.status().services;
    },
  };
}
