import type { ServiceFactory } from './context';
import { radiusServiceFactories } from './radius/service';
import { tacacsServiceFactory, tacacsTlsServiceFactory } from './tacacs/server/service';

/** Every service of one engine, fresh per engine (RADIUS services share state), started in order. */
export function createServiceFactories(): ServiceFactory[] {
  return [tacacsServiceFactory, tacacsTlsServiceFactory, ...radiusServiceFactories()];
}
