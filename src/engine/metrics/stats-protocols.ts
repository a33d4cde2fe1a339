import type { ServiceState } from '../../contract/schemas';
import type { StatsProtocol } from '../../contract/stats';
import type { TraceInput } from '../trace/types';

/**
 * Which dashboard protocol a server's packet counts for. RadSec (RFC 6614) carries all three RADIUS
 * kinds over one listener, so its packets are told apart by the RADIUS Code (RFC 2866 §4: 4 and 5
 * are accounting; RFC 5176 §3: 40–45 are CoA and Disconnect).
 */
export function statsProtocolOf(input: Pick<TraceInput, 'protocol' | 'bytes'>): StatsProtocol {
  switch (input.protocol) {
    case 'tacacs':
      return 'tacacs';
    case 'radius':
      return 'radiusAuth';
    case 'radius-acct':
      return 'radiusAcct';
    case 'coa':
      return 'coa';
    case 'radsec': {
      const code = input.bytes[0] ?? 0;
      if (code === 4 || code === 5) return 'radiusAcct';
      if (code >= 40 && code <= 45) return 'coa';
      return 'radiusAuth';
    }
  }
}

const SERVED_BY: Record<string, readonly StatsProtocol[]> = {
  tacacs: ['tacacs'],
  'tacacs-tls': ['tacacs'],
  'radius-auth': ['radiusAuth'],
  'radius-acct': ['radiusAcct'],
  coa: ['coa'],
  radsec: ['radiusAuth', 'radiusAcct', 'coa'],
};

/** The protocols some running service is listening for (the lab's status, as the Servers screen shows it). */
export function servedProtocols(services: readonly ServiceState[]): Set<StatsProtocol> {
  const out = new Set<StatsProtocol>();
  for (const s of services) {
    if (s.state !== 'running') continue;
    for (const l of s.listeners) for (const p of SERVED_BY[l.service] ?? []) out.add(p);
  }
  return out;
}
