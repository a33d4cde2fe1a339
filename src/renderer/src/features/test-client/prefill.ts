import type { AcctSessionDto } from '../../../../contract/observability';

/**
 * Hand-off from another screen (Live sessions → "CoA" / "Disconnect") to the Test client: set just
 * before navigating, read when the Test client mounts and cleared after it did (peek + clear rather
 * than take, so React's double-invoked initialisers in StrictMode both see it).
 */
export interface SessionAction {
  session: AcctSessionDto;
  action: 'coa' | 'disconnect';
}

let pending: SessionAction | undefined;

export function openClientFor(a: SessionAction): void {
  pending = a;
}

export function peekSessionAction(): SessionAction | undefined {
  return pending;
}

export function clearSessionAction(): void {
  pending = undefined;
}
