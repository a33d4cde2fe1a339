import { BoundedMemo } from '../bounded';
import type { DeviceConfig } from '../config/schema';
import { cidrContains, parseAddress, parseCidr, type Cidr } from './cidr';

export interface DeviceMatch {
  device: DeviceConfig;
  cidr: string;
}

interface Entry {
  device: DeviceConfig;
  cidr: Cidr;
}

/** Devices by source address: the most specific CIDR wins, IPv4 and IPv6 alike. */
export class DeviceIndex {
  readonly #entries: Entry[];
  readonly #cache = new BoundedMemo<string, DeviceMatch | null>(10_000);

  constructor(devices: readonly DeviceConfig[]) {
    const entries: Entry[] = [];
    for (const device of devices) {
      const cidr = parseCidr(device.match);
      if (cidr) entries.push({ device, cidr });
    }
    // Longest prefix first; ties keep file order (stable sort), so the first listed wins.
    this.#entries = entries.sort((a, b) => b.cidr.bits - a.cidr.bits);
  }

  lookup(address: string): DeviceMatch | undefined {
    // The same client sends most packets in a row: compare with the last address before hashing.
    if (address === this.#lastAddress) return this.#lastMatch;
    const found = this.#lookup(address);
    this.#lastAddress = address;
    this.#lastMatch = found;
    return found;
  }

  #lastAddress?: string;
  #lastMatch?: DeviceMatch;

  #lookup(address: string): DeviceMatch | undefined {
    const cached = this.#cache.get(address);
    if (cached !== undefined) return cached ?? undefined;
    return this.#cache.set(address, this.#find(address) ?? null) ?? undefined;
  }

  #find(address: string): DeviceMatch | undefined {
    const addr = parseAddress(address);
    if (!addr) return undefined;
    for (const e of this.#entries) {
      if (cidrContains(e.cidr, addr)) return { device: e.device, cidr: e.cidr.text };
    }
    return undefined;
  }

  get devices(): DeviceConfig[] {
    return this.#entries.map((e) => e.device);
  }
}

export function describeDevice(m: DeviceMatch): string {
  return `device ${m.device.name} (${m.cidr})`;
}
