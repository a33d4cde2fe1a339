/** What the Servers screen calls each service (ids are the engine's; RFC names for the protocols). */
const LABELS: Record<string, string> = {
  tacacs: 'TACACS+',
  'tacacs-tls': 'TACACS+ over TLS',
  'radius-auth': 'RADIUS authentication',
  'radius-acct': 'RADIUS accounting',
  coa: 'CoA / Disconnect responder',
  radsec: 'RadSec (RADIUS over TLS)',
  web: 'Web console, REST API, /metrics',
};

export const serviceLabel = (id: string): string => LABELS[id] ?? id;
