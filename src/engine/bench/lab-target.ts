import type { LabStatus } from '../../contract/schemas';
import type { LoadedLab } from '../config/loaded-lab';
import type { ResolvedTarget } from './target';

/**
 * "lab" where the engine runs: its running listeners (the first of each service; a wildcard address
 * is reached on loopback) and the secrets of the device that matches the loopback address, the
 * address the bench's requests come from.
 */
/** The part of the engine that says where this lab listens and with which secrets. */
export interface LabTargetEngine {
  readonly lab: LoadedLab;
  status(): LabStatus;
}

export function engineLabTarget(engine: LabTargetEngine): ResolvedTarget | undefined {
  const listeners = engine.status().services.flatMap((s) => s.listeners);
  const find = (service: string) => listeners.find((l) => l.service === service);
  const first = find('tacacs') ?? find('radius-auth');
  if (!first) return undefined;
  const host = first.address === '0.0.0.0' ? '127.0.0.1' : first.address === '::' ? '::1' : first.address;
  const device = engine.lab.devices.lookup(host.includes(':') ? host : '127.0.0.1')?.device;
  return {
    name: 'lab',
    host,
    tacacsSecret: device?.tacacsSecret?.reveal(),
    radiusSecret: device?.radiusSecret?.reveal(),
    coaSecret: (device?.coaSecret ?? device?.radiusSecret)?.reveal(),
    ports: {
      tacacs: find('tacacs')?.port ?? 49,
      radiusAuth: find('radius-auth')?.port ?? 1812,
      radiusAcct: find('radius-acct')?.port ?? 1813,
      coa: find('coa')?.port ?? 3799,
    },
  };
}
