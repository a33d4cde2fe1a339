import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Real peers (Debian packages) the interop tests need. A missing peer fails the test loudly — CI
 * installs them — unless AAA_LAB_ALLOW_MISSING_PEERS=1, where the test is skipped instead.
 */
export function peerPath(name: string): string | undefined {
  if (name.startsWith('/')) return existsSync(name) ? name : undefined;
  try {
    const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return p || undefined;
  } catch {
    return ['/usr/sbin', '/usr/bin', '/sbin'].map((d) => `${d}/${name}`).find((p) => existsSync(p));
  }
}

export const allowMissingPeers = process.env.AAA_LAB_ALLOW_MISSING_PEERS === '1';

/**
 * Returns the peer's path, or throws "<name> not installed". With AAA_LAB_ALLOW_MISSING_PEERS=1 returns
 * undefined so the caller can skip (use with `describe.skipIf(!peer)`).
 */
export function requirePeer(name: string, packageHint?: string): string | undefined {
  const p = peerPath(name);
  if (p) return p;
  if (allowMissingPeers) return undefined;
  throw new Error(`${name} not installed${packageHint ? ` (apt-get install ${packageHint})` : ''}`);
}

/** A python3 that can import `mod` (Debian's /usr/bin/python3 first: python3-* packages live there). */
export function requirePythonModule(mod: string, packageHint: string): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(py, ['-c', `import ${mod}`], { stdio: 'ignore' });
      return py;
    } catch {
      // try the next interpreter
    }
  }
  if (allowMissingPeers) return undefined;
  throw new Error(`python3 module ${mod} not installed (apt-get install ${packageHint})`);
}
