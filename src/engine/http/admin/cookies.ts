import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'aaa_lab_session';
export const CSRF_COOKIE = 'aaa_lab_csrf';
export const OIDC_COOKIE = 'aaa_lab_oidc';

export function readCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return out;
}

export interface CookieOptions {
  maxAgeS?: number;
  path?: string;
  /** Strict for the session; Lax only for the short OpenID login cookie that must survive the provider's redirect back. */
  sameSite?: 'Strict' | 'Lax';
  secure: boolean;
}

/** Always HttpOnly: no script on the page ever needs these values. */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${o.sameSite ?? 'Strict'}`,
  ];
  if (o.maxAgeS !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(o.maxAgeS))}`);
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearCookie(name: string, o: Omit<CookieOptions, 'maxAgeS'>): string {
  return serializeCookie(name, '', { ...o, maxAgeS: 0 });
}
