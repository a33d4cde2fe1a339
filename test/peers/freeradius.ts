import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEapConfig, type FreeRadiusEapCerts } from './freeradius-eap';
import { freePort } from './free-port';

export interface FreeRadiusPeer {
  pid: number;
  auth: number;
  acct: number;
  dir: string;
  log: () => string;
  stop(): Promise<void>;
}

/**
 * FreeRADIUS 3.2 on loopback with a temp config dir copied from Debian's /etc/freeradius/3.0: one
 * minimal virtual server (PAP, CHAP, MS-CHAP via `files`), the lab's users and the client 127.0.0.1 /
 * testing123. EAP only when given certificates (`eap`): md5, gtc, tls, ttls, peap (freeradius-eap.ts).
 */
export async function startFreeRadius(
  bin: string,
  /** `-X` (debug, single-threaded) for tests; `['-f', '-l', 'stdout']` for the benchmark's thread pool. */
  flags: string[] = ['-X'],
  eap?: FreeRadiusEapCerts,
): Promise<FreeRadiusPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-freeradius-'));
  cpSync('/etc/freeradius/3.0', dir, { recursive: true, dereference: true });
  rmSync(join(dir, 'mods-enabled', 'eap'), { force: true });
  for (const f of readdirSync(join(dir, 'sites-enabled'))) rmSync(join(dir, 'sites-enabled', f));
  if (eap) {
    const conf = writeEapConfig(dir, eap);
    writeFileSync(join(dir, 'mods-enabled', 'eap'), conf.eap);
    writeFileSync(join(dir, 'sites-enabled', 'inner-tunnel'), conf.inner);
  }
  const eapAuthorize = eap ? '  eap {\n    ok = return\n  }\n' : '';
  const eapAuthenticate = eap ? '  eap\n' : '';
  const [auth, acct] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, 'sites-enabled', 'lab'),
    `server default {
listen {
  type = auth
  ipaddr = 127.0.0.1
  port = ${auth}
}
listen {
  type = acct
  ipaddr = 127.0.0.1
  port = ${acct}
}
authorize {
  preprocess
  chap
  mschap
${eapAuthorize}  files
  pap
}
authenticate {
  Auth-Type PAP {
    pap
  }
  Auth-Type CHAP {
    chap
  }
  Auth-Type MS-CHAP {
    mschap
  }
${eapAuthenticate}}
preacct {
  preprocess
}
accounting {
  ok
}
post-auth {
  ok
}
}
`,
  );
  writeFileSync(
    join(dir, 'mods-config', 'files', 'authorize'),
    'alice Cleartext-Password := "alice-pass"\n\tService-Type = Administrative-User,\n\tCisco-AVPair = "shell:priv-lvl=15",\n\tTunnel-Password:1 = "tunnel-secret"\n' +
      'bob Cleartext-Password := "bob-pass"\n\tService-Type = NAS-Prompt-User\n',
  );
  writeFileSync(join(dir, 'clients.conf'), 'client lab {\n  ipaddr = 127.0.0.1\n  secret = testing123\n}\n');
  chmodRecursive(dir);
  let out = '';
  const proc: ChildProcess = spawn(bin, [...flags, '-d', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`freeradius did not start:\n${out.slice(-2000)}`)), 15_000);
    const check = setInterval(() => {
      if (out.includes('Ready to process requests')) {
        clearTimeout(t);
        clearInterval(check);
        resolve();
      }
    }, 50);
    proc.once('exit', (code) => {
      clearTimeout(t);
      clearInterval(check);
      reject(new Error(`freeradius exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
  return {
    pid: proc.pid!,
    auth,
    acct,
    dir,
    log: () => out,
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** FreeRADIUS drops to user freerad: the temp tree must be readable by it. */
function chmodRecursive(p: string): void {
  const st = statSync(p);
  chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const f of readdirSync(p)) chmodRecursive(join(p, f));
}
