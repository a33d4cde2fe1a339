import { isIP } from 'node:net';

export interface HostPort {
  host: string;
  port: number;
}

/** Parses "127.0.0.1:1812", "[::1]:1812" or ":1812" (all interfaces). Returns an error message on failure. */
export function parseHostPort(text: string): HostPort | string {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  if (!m) return `"${text}" is not host:port (IPv6 as [::1]:port)`;
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (port > 65535) return `"${text}": port ${port} is out of range 0-65535`;
  if (host !== '' && host !== 'localhost' && isIP(host) === 0)
    return `"${text}": "${host}" is not an IP address`;
  return { host: host === '' ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : host, port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
