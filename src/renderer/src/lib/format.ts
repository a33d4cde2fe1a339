import type { Listener } from '../../../contract/schemas';

/** "127.0.0.1:1812", "[::1]:1812": how every screen writes an endpoint. */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function listenerLabel(l: Listener): string {
  return `${l.transport.toUpperCase()} ${hostPort(l.address, l.port)}`;
}

/** Trace time (µs since the epoch) as local wall-clock time with microseconds. */
export function traceTime(timeUs: number): string {
  const d = new Date(Math.floor(timeUs / 1000));
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  const ss = String(d.getSeconds()).padStart(2, '0');
  const us = String(Math.floor(timeUs % 1_000_000)).padStart(6, '0');
  return `${hh}:${mm}:${ss}.${us}`;
}

export function latency(us: number | undefined): string {
  if (us === undefined) return '';
  if (us < 1000) return `${us} µs`;
  return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec}s`;
  return `${sec}s`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
