import { createServer } from 'node:net';
import { formatHostPort, parseHostPort } from './host-port';
import type { LoadedLab } from './loaded-lab';

/**
 * TACACS+ wants port 49, which an unprivileged user cannot bind. When the lab names a fallback
 * port, probe the privileged address once and, if it is refused with EACCES, listen on the fallback
 * instead and say so in a notice (the UI and the ready line show it).
 */
export async function applyPortFallbacks(lab: LoadedLab): Promise<LoadedLab> {
  const t = lab.config.tacacs;
  if (!t?.fallbackPort) return lab;
  const listen: string[] = [];
  const notices: string[] = [];
  for (const entry of t.listen) {
    const hp = parseHostPort(entry);
    if (typeof hp === 'string' || hp.port >= 1024 || (await canBind(hp.host, hp.port)) !== 'EACCES') {
      listen.push(entry);
      continue;
    }
    const moved = formatHostPort({ host: hp.host, port: t.fallbackPort });
    listen.push(moved);
    notices.push(
      `TACACS+ port ${hp.port} needs privileges: listening on ${moved} instead (point devices at port ${t.fallbackPort}, or allow port 49 — see README, Troubleshooting)`,
    );
  }
  if (!notices.length) return lab;
  return {
    ...lab,
    config: { ...lab.config, tacacs: { ...t, listen } },
    notices: [...lab.notices, ...notices],
  };
}

function canBind(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'ERROR'));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(undefined)));
  });
}
