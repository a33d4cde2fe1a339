/** Every screen of DESIGN.md §4, in navigation order. The hash (`#/trace`) names the screen. */
export const screens = [
  { id: 'status', label: 'Lab status', section: 'Lab' },
  { id: 'dashboard', label: 'Dashboard', section: 'Lab' },
  { id: 'servers', label: 'Servers', section: 'Lab' },
  { id: 'config', label: 'Config editor', section: 'Lab' },
  { id: 'devices', label: 'Devices', section: 'Policy' },
  { id: 'users', label: 'Users & groups', section: 'Policy' },
  { id: 'backends', label: 'Backends', section: 'Policy' },
  { id: 'sessions', label: 'Live sessions', section: 'Observe' },
  { id: 'trace', label: 'Packet trace', section: 'Observe' },
  { id: 'accounting', label: 'Accounting', section: 'Observe' },
  { id: 'audit', label: 'Audit', section: 'Observe' },
  { id: 'client', label: 'Test client', section: 'Tools' },
  { id: 'bench', label: 'Bench', section: 'Tools' },
  { id: 'settings', label: 'Settings', section: 'Tools' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

export const DEFAULT_SCREEN: ScreenId = 'status';

export function isScreenId(x: string): x is ScreenId {
  return screens.some((s) => s.id === x);
}

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isScreenId(id) ? id : DEFAULT_SCREEN;
}

export function hashFor(id: ScreenId): string {
  return `#/${id}`;
}

/** The packet of a deep link `#/trace?id=42`, if the hash names one. */
export function traceIdFromHash(hash: string): number | undefined {
  const m = /^#\/?trace\?(?:.*&)?id=(\d+)/.exec(hash);
  return m ? Number(m[1]) : undefined;
}

export function traceHash(id: number): string {
  return `#/trace?id=${id}`;
}
