import type { LoadedLab } from './config/loaded-lab';
import type { EngineContext, Service } from './context';
import { radiusServiceFactories } from './radius/service';
import { tacacsServiceFactory } from './tacacs/server/service';

/**
 * The network services a lab runs. `section` is the part of the lab file a service's sockets depend
 * on: a reload restarts a service only when its section changed (users, devices and groups are read
 * per request and need no restart).
 */
export interface ServiceFactory {
  name: string;
  section(lab: LoadedLab): unknown;
  create(ctx: EngineContext, lab: LoadedLab): Service | undefined;
}

/** Every service of one engine, fresh per engine (RADIUS services share state), started in order. */
export function createServiceFactories(): ServiceFactory[] {
  return [tacacsServiceFactory, ...radiusServiceFactories()];
}
