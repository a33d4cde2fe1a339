/** RADIUS packet codes (RFC 2865 §3, RFC 2866 §4, RFC 5176 §3, RFC 5997 §2). */
export const CODES = {
  'Access-Request': 1,
  'Access-Accept': 2,
  'Access-Reject': 3,
  'Accounting-Request': 4,
  'Accounting-Response': 5,
  'Access-Challenge': 11,
  'Status-Server': 12,
  'Status-Client': 13,
  'Disconnect-Request': 40,
  'Disconnect-ACK': 41,
  'Disconnect-NAK': 42,
  'CoA-Request': 43,
  'CoA-ACK': 44,
  'CoA-NAK': 45,
} as const;
export type CodeName = keyof typeof CODES;

const NAMES = new Map<number, CodeName>(Object.entries(CODES).map(([k, v]) => [v, k as CodeName]));

export function codeName(code: number): string {
  return NAMES.get(code) ?? `Code-${code}`;
}

/** Requests whose Request Authenticator is an MD5 over the packet (RFC 2866 §3, RFC 5176 §3). */
export function hasComputedRequestAuthenticator(code: number): boolean {
  return (
    code === CODES['Accounting-Request'] ||
    code === CODES['CoA-Request'] ||
    code === CODES['Disconnect-Request']
  );
}

export function isRequestCode(code: number): boolean {
  return (
    code === CODES['Access-Request'] ||
    code === CODES['Status-Server'] ||
    code === CODES['Status-Client'] ||
    hasComputedRequestAuthenticator(code)
  );
}

/** Attribute type numbers the transport layers use directly (RFC 2865 §5, RFC 2869 §5). */
export const ATTR = {
  UserName: 1,
  UserPassword: 2,
  ChapPassword: 3,
  NasIpAddress: 4,
  ServiceType: 6,
  ReplyMessage: 18,
  State: 24,
  VendorSpecific: 26,
  ProxyState: 33,
  AcctStatusType: 40,
  AcctSessionId: 44,
  ChapChallenge: 60,
  EapMessage: 79,
  MessageAuthenticator: 80,
  ErrorCause: 101,
} as const;

export const MIN_PACKET = 20;
/** RFC 2865 §3 maximum; RFC 7930 allows larger over TCP but we stay with the classic bound. */
export const MAX_PACKET = 4096;
export const VENDOR_MICROSOFT = 311;
