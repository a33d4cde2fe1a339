import type { Decision } from './decision';

/**
 * RADIUS MAB (Service-Type Call-Check, the MAC address as User-Name): the user being known is the
 * authentication, so the authorization decision gains that step before its verdict. A denial names
 * the step only: its verdict says why (e.g. the MAC address is not known to any backend).
 */
export function mabDecision(d: Decision): Decision {
  const step = d.allow ? 'MAB (Call-Check): user known' : 'MAB (Call-Check)';
  return { ...d, reasons: [...d.reasons.slice(0, -1), step, ...d.reasons.slice(-1)] };
}
