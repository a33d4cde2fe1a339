/**
 * MAC addresses as switches send them in MAB requests: Cisco `aabb.ccdd.eeff`, IETF
 * `AA-BB-CC-DD-EE-FF` (RFC 3580 §3.21 Calling-Station-Id), `aa:bb:cc:dd:ee:ff`, bare `aabbccddeeff`,
 * any case. Normalised to 12 lowercase hex digits.
 */
const FORMS = [
  /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i,
  /^([0-9a-f]{2})([-:])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i,
  /^[0-9a-f]{12}$/i,
];

export function normalizeMac(text: string): string | undefined {
  const s = text.trim();
  if (!FORMS.some((f) => f.test(s))) return undefined;
  return s.replace(/[.:-]/g, '').toLowerCase();
}

/** "aa-bb-cc-dd-ee-ff": how the decision shows a normalised MAC. */
export function showMac(mac: string): string {
  return mac.replace(/(..)(?!$)/g, '$1-');
}
