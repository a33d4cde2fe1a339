import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The conformance lab lives beside the repository (../shared/fixtures from the repo root). */
export const fixturesDir = resolve(repoRoot, '..', 'shared', 'fixtures');

export interface Lab {
  /** The URL `aaa-lab serve` printed, with ?token=… */
  url: string;
  dir: string;
  configPath: string;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
}

/** Copies a fixture lab (lab.yaml unless named) + tls/ into a fresh temp dir (the lab file names its TLS files relative to itself). */
export function copyFixtureLab(file = 'lab.yaml'): { dir: string; configPath: string } {
  const lab = join(fixturesDir, file);
  if (!existsSync(lab) || !existsSync(join(fixturesDir, 'tls'))) {
    throw new Error(
      `The conformance lab is missing: expected ${lab} and ${join(fixturesDir, 'tls')}/ ` +
        '(the fixtures live in ../shared/fixtures beside the repository).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-e2e-'));
  cpSync(lab, join(dir, file));
  cpSync(join(fixturesDir, 'tls'), join(dir, 'tls'), { recursive: true });
  return { dir, configPath: join(dir, file) };
}

const READY_TIMEOUT_MS = 30_000;

export interface ServeOptions {
  /** Extra environment for the serve process (e.g. OPENID_* for the admin login). */
  env?: Record<string, string>;
  /** --web-port (default 0: any free port); pick one first when the env must name it. */
  webPort?: number;
  /** The fixture lab file to serve (default lab.yaml; lab-eap.yaml for 802.1X). */
  labFile?: string;
  /** Edits the copied lab file's text before serve reads it (e.g. extra backends). */
  edit?: (text: string) => string;
  /** Every listener of the lab on a free port, so runs need no lock on the fixture's fixed ports. */
  ephemeralPorts?: boolean;
}

/** Starts `aaa-lab serve` on the copied lab and resolves with the URL of its ready line. */
async function startServe(
  configPath: string,
  dataDir: string,
  opts: ServeOptions = {},
): Promise<{ proc: ChildProcess; url: string; stderr: () => string }> {
  const cli = join(repoRoot, 'bin', 'aaa-lab.mjs');
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('aaa-lab is not built: run `npx electron-vite build` before the e2e tests.');
  }
  const proc = spawn(
    process.execPath,
    [cli, 'serve', '--config', configPath, '--data-dir', dataDir, '--web-port', String(opts.webPort ?? 0)],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    },
  );
  let err = '';
  proc.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`aaa-lab serve printed no ready line in ${READY_TIMEOUT_MS} ms\n${err}`));
    }, READY_TIMEOUT_MS);
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('aaa-lab ready')) return;
      const m = /\burl=(\S+)/.exec(line);
      clearTimeout(timer);
      if (m?.[1]) resolveUrl(m[1]);
      else reject(new Error(`ready line without url=: ${line}`));
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aaa-lab serve exited with ${code} before it was ready\n${err}`));
    });
  });
  return { proc, url, stderr: () => err };
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Opens the app and waits for the app-ready marker (never sleeps). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(
    page.locator('#root[data-app-state="ready"]'),
    'the app reaches data-app-state="ready"',
  ).toBeAttached({
    timeout: 20_000,
  });
}

/** A copy of the fixture lab served by `aaa-lab serve`; stop() ends it and removes the copy. */
export async function launchLab(opts: ServeOptions = {}): Promise<Lab & { stop(): Promise<void> }> {
  const { dir, configPath } = copyFixtureLab(opts.labFile);
  if (opts.edit) writeFileSync(configPath, opts.edit(readFileSync(configPath, 'utf8')));
  if (opts.ephemeralPorts)
    writeFileSync(
      configPath,
      readFileSync(configPath, 'utf8').replace(/"127\.0\.0\.1:\d+"/g, '"127.0.0.1:0"'),
    );
  const started = await startServe(configPath, join(dir, 'data'), opts).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const { proc, url, stderr } = started;
  return {
    url,
    dir,
    configPath,
    stderr,
    stop: async () => {
      await stop(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ labFile: string; lab: Lab; app: Page }>({
  /** Which fixture lab the test serves: `test.use({ labFile: 'lab-eap.yaml' })`. */
  labFile: ['lab.yaml', { option: true }],
  lab: async ({ labFile }, use) => {
    const lab = await launchLab({ labFile });
    try {
      await use(lab);
    } finally {
      await lab.stop();
    }
  },
  app: async ({ page, lab }, use) => {
    await openApp(page, lab.url);
    await use(page);
  },
});

export { expect };

/** Keeps a full-page screenshot of the current screen as a test artefact. */
export async function keepScreenshot(
  page: Page,
  name: string,
  attach: (name: string, o: { body: Buffer; contentType: string }) => Promise<void>,
): Promise<void> {
  const body = await page.screenshot({ fullPage: true });
  await attach(name, { body, contentType: 'image/png' });
}

/** Calls a contract procedure of the lab directly (test setup and checks, not UI). */
export async function rpc<T>(lab: Lab, name: string, input: unknown = {}): Promise<T> {
  const u = new URL(lab.url);
  const res = await fetch(`${u.origin}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-aaa-lab-token': u.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  const env = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${name}: ${env.error?.message ?? `HTTP ${res.status}`}`);
  return env.value as T;
}

export interface ListenerInfo {
  service: string;
  transport: string;
  address: string;
  port: number;
}

export async function listeners(lab: Lab): Promise<ListenerInfo[]> {
  const status = await rpc<{ services: { listeners: ListenerInfo[] }[] }>(lab, 'lab.status');
  return status.services.flatMap((s) => s.listeners);
}
