import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

export { freePort };

/**
 * A private OpenLDAP slapd for tests: a cn=config (back_mdb, core/cosine/inetorgperson/nis schemas,
 * memberof overlay) and the shared fixture directory are slapadd'ed into a temp dir, then slapd runs
 * in the foreground on 127.0.0.1 only. Nothing of the system's slapd configuration is touched.
 */

export const SUFFIX = 'dc=example,dc=com';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PW = 'adminpw';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared relative to the repository root (test/peers → repo root → ..). */
export const SHARED_FIXTURES = resolve(here, '../../../shared/fixtures');
export const DIRECTORY_LDIF = join(SHARED_FIXTURES, 'ldap/directory.ldif');

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

export interface SlapdPeer {
  url: string;
  port: number;
  /** With `tls`: the LDAPS listener (the plain one then also offers StartTLS). */
  ldapsUrl?: string;
  stop(): Promise<void>;
}

/** True when slapd can be used; otherwise throws "slapd not installed" unless the env allows skipping. */
export function slapdAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(SLAPD) && existsSync(SLAPADD)) return true;
  if (env.AAA_LAB_ALLOW_MISSING_PEERS === '1') return false;
  throw new Error(
    'slapd not installed (apt-get install slapd ldap-utils, or set AAA_LAB_ALLOW_MISSING_PEERS=1 to skip)',
  );
}

/** The shared test CA's server certificate (CN localhost, SAN 127.0.0.1), read in place. */
export const TLS_DIR = join(SHARED_FIXTURES, 'tls');

function configLdif(dbDir: string, tls: boolean): string {
  const schemas = SCHEMAS.map((s) => `include: file:///etc/ldap/schema/${s}.ldif`).join('\n\n');
  const tlsAttrs = tls
    ? `olcTLSCACertificateFile: ${join(TLS_DIR, 'ca.pem')}
olcTLSCertificateFile: ${join(TLS_DIR, 'server.pem')}
olcTLSCertificateKeyFile: ${join(TLS_DIR, 'server.key')}
`
    : '';
  return `dn: cn=config
objectClass: olcGlobal
cn: config
${tlsAttrs}
dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: memberof

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

${schemas}

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: ${dbDir}
olcDbMaxSize: 67108864
olcSuffix: ${SUFFIX}
olcRootDN: ${ROOT_DN}
olcRootPW: ${ROOT_PW}
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to * by * read

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE
`;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

async function answers(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

/** Starts slapd with the fixture directory; port 0 picks a free one. */
export async function startSlapd(
  opts: { port?: number; ldif?: string; tls?: boolean } = {},
): Promise<SlapdPeer> {
  const port = opts.port || (await freePort());
  const tlsPort = opts.tls ? await freePort() : 0;
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-slapd-'));
  const confDir = join(dir, 'slapd.d');
  const dbDir = join(dir, 'db');
  mkdirSync(confDir);
  mkdirSync(dbDir);
  writeFileSync(join(dir, 'config.ldif'), configLdif(dbDir, !!opts.tls));
  try {
    run(SLAPADD, ['-n', '0', '-F', confDir, '-l', join(dir, 'config.ldif')]);
    run(SLAPADD, ['-F', confDir, '-b', SUFFIX, '-l', opts.ldif ?? DIRECTORY_LDIF]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = `ldap://127.0.0.1:${port}/`;
  const urls = opts.tls ? `${url} ldaps://127.0.0.1:${tlsPort}/` : url;
  const child: ChildProcess = spawn(SLAPD, ['-d', '0', '-h', urls, '-F', confDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`slapd did not start on ${url}: ${stderr.trim() || 'timeout'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (opts.tls) {
    while (!(await answers(tlsPort))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`slapd did not listen on ldaps port ${tlsPort}: ${stderr.trim() || 'timeout'}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    ldapsUrl: opts.tls ? `ldaps://127.0.0.1:${tlsPort}` : undefined,
    stop,
  };
}
