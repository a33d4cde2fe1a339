import type { MabConfig } from '../config/schema';
import { normalizeMac, showMac } from './mac';

export interface MabHit {
  /** Index into the lab's `mab` list, for the decision. */
  index: number;
  group: string;
  mac: string;
}

/** The lab's MAB lists as one lookup by normalised MAC (the first list naming a MAC wins). */
export class MabIndex {
  readonly #byMac = new Map<string, MabHit>();

  constructor(lists: readonly MabConfig[]) {
    lists.forEach((l, index) => {
      for (const m of l.macs) {
        const mac = normalizeMac(m);
        if (mac && !this.#byMac.has(mac)) this.#byMac.set(mac, { index, group: l.group, mac });
      }
    });
  }

  /** The entry for whatever form the switch sent (User-Name or Calling-Station-Id). */
  lookup(sent: string): MabHit | undefined {
    const mac = normalizeMac(sent);
    return mac ? this.#byMac.get(mac) : undefined;
  }
}

/** "MAB: MAC aa-bb-cc-dd-ee-ff (sent as "aabb.ccdd.eeff")": the first step after the device. */
export function mabStep(sent: string): string {
  const mac = normalizeMac(sent);
  return mac
    ? `MAB (Service-Type Call-Check): MAC ${showMac(mac)}${sent === showMac(mac) ? '' : ` (sent as "${sent}")`}`
    : `MAB (Service-Type Call-Check): "${sent}" is not a MAC address`;
}
