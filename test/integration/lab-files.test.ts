import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/engine/config/load';
import { Engine } from '../../src/engine/lab';
import { silentLogger } from '../../src/engine/log';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { authorize } from '../../src/engine/tacacs/client/client-ops';
import { FIXTURE_DIR } from '../peers/radius-lab';
import { repoRoot } from '../support/fixtures';

/**
 * resources/lab.default.yaml — as shipped and with every commented section switched on — and each
 * complete lab file in examples/labs/ load; each example runs and answers what it was written for.
 */
const DEFAULT = join(repoRoot, 'resources/lab.default.yaml');

/** The default lab with its commented YAML (keys and list items after "# ") uncommented. */
function everythingOn(text: string): string {
  return text
    .split('\n')
    .map((l, i) => {
      const m = /^(\s*)# (\s*(?:[\w-]+:(?:\s.*)?|- .*))$/.exec(l);
      return i > 3 && m ? m[1]! + m[2]! : l;
    })
    .join('\n')
    .replace('tls/web.pem', 'tls/server.pem')
    .replace('tls/web.key', 'tls/server.key')
    .replace('    #   Access-Challenge', '    # Access-Challenge');
}

/** A temp copy of a lab file beside the fixture CA's tls/ folder, listeners on ephemeral loopback ports. */
function tempLab(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-labfile-'));
  cpSync(join(FIXTURE_DIR, 'tls'), join(dir, 'tls'), { recursive: true });
  const file = join(dir, 'lab.yaml');
  writeFileSync(
    file,
    text.replace(/"0\.0\.0\.0:\d+"/g, '"127.0.0.1:0"').replace(/"127\.0\.0\.1:8080"/, '"127.0.0.1:0"'),
  );
  return file;
}

async function engineFor(file: string): Promise<{ engine: Engine; port: (s: string) => number }> {
  const engine = await Engine.create({
    configPath: file,
    defaultConfigPath: DEFAULT,
    dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-labfile-data-')),
    log: silentLogger,
    env: { LDAP_BIND_PASSWORD: 'x', OIDC_CLIENT_SECRET: 'x', OKTA_API_TOKEN: 'x' },
  });
  await engine.start();
  const port = (service: string) =>
    engine
      .status()
      .services.flatMap((s) => s.listeners)
      .find((l) => l.service === service)!.port;
  return { engine, port };
}

describe('resources/lab.default.yaml', () => {
  const text = readFileSync(DEFAULT, 'utf8');

  it('shows, commented, every section a user may want', () => {
    for (const s of [
      'tls:',
      'radsec:',
      'Framed-IP-Netmask',
      'nak: 407',
      'type: ldap',
      'type: oidc',
      'openid:',
      'totp:',
      'allowedHosts',
    ])
      expect(text, s).toContain(s);
  });

  it('loads as shipped and with every commented section switched on', () => {
    expect(() => parseLab(text, { baseDir: FIXTURE_DIR })).not.toThrow();
    const on = everythingOn(text);
    const lab = parseLab(on, {
      baseDir: FIXTURE_DIR,
      env: { LDAP_BIND_PASSWORD: 'x', OIDC_CLIENT_SECRET: 'x', OKTA_API_TOKEN: 'x' },
    });
    expect(lab.config.radius?.radsec).toBeTruthy();
    expect(lab.config.tacacs?.tls).toBeTruthy();
    expect(lab.config.web.tls).toBeTruthy();
    expect(lab.config.coa?.rules[0]).toMatchObject({ then: { nak: 407 } });
    expect(lab.config.backends.map((b) => b.type)).toEqual(['local', 'ldap', 'okta', 'oidc']);
    expect(lab.config.users.some((u) => u.totp)).toBe(true);
  });
});

describe('examples/labs/', () => {
  it('Cisco IOS-XE device admin: helpdesk may show and bounce interfaces, not reload', async () => {
    const { engine, port } = await engineFor(
      tempLab(readFileSync(join(repoRoot, 'examples/labs/cisco-iosxe-device-admin.yaml'), 'utf8')),
    );
    try {
      const c = () =>
        new TacacsClient({ host: '127.0.0.1', port: port('tacacs'), secret: 'testing123', timeoutMs: 3000 });
      expect(
        (await authorize(c(), { user: 'bob', args: ['service=shell', 'cmd=show', 'cmd-arg=version'] }))
          .status,
      ).toBe('PASS_ADD');
      expect((await authorize(c(), { user: 'bob', args: ['service=shell', 'cmd=reload'] })).status).toBe(
        'FAIL',
      );
    } finally {
      await engine.close();
    }
  });

  it('802.1X with MAB: the MAC is admitted to VLAN 20', async () => {
    const { engine, port } = await engineFor(
      tempLab(readFileSync(join(repoRoot, 'examples/labs/dot1x-mab.yaml'), 'utf8')),
    );
    const c = new RadiusClient({
      host: '127.0.0.1',
      port: port('radius-auth'),
      secret: 'testing123',
      timeoutMs: 3000,
    });
    try {
      const r = await c.authenticate('0011223344aa', '0011223344aa', 'pap', [
        { name: 'Service-Type', value: 'Call-Check' },
        { name: 'Calling-Station-Id', value: '00-11-22-33-44-AA' },
      ]);
      expect(r.codeName).toBe('Access-Accept');
      expect(JSON.stringify(r.attributes)).toContain('20');
    } finally {
      await c.close();
      await engine.close();
    }
  });

  it('RadSec: the TLS listener runs beside plain RADIUS', async () => {
    const { engine, port } = await engineFor(
      tempLab(readFileSync(join(repoRoot, 'examples/labs/radsec.yaml'), 'utf8')),
    );
    try {
      expect(port('radsec')).toBeGreaterThan(0);
      expect(port('radius-auth')).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
