import { performance } from 'node:perf_hooks';
import type { BackendResult } from './types';

/** A factor as Okta's Authn API lists it in `_embedded.factors`. */
export interface OktaFactor {
  id: string;
  factorType: string;
  provider?: string;
  profile?: { name?: string; deviceType?: string };
}

/** One login's steps and clock: every step carries its own timing. */
export class Steps {
  readonly list: string[] = [];
  readonly t0 = performance.now();
  constructor(readonly name: string) {}
  add(s: string): void {
    this.list.push(`${this.name}: ${s}`);
  }
  result(status: BackendResult['status'], groups: string[] = []): BackendResult {
    return { status, groups, reasons: this.list, ms: Math.round(performance.now() - this.t0) };
  }
}
