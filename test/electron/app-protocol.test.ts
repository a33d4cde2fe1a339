import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { appResponse, registerAppScheme, resolveAppFile, serveRenderer } =
  await import('../../src/main/app-protocol');
const { CSP } = await import('../../src/main/security');

let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aaa-lab-app-protocol-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>AAA Lab</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
});

describe('app:// protocol', () => {
  it('registers app: as a standard, secure scheme before ready', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    });
  });

  it('serves the renderer with its content type and our CSP header', async () => {
    const html = await appResponse('app://lab/index.html', rendererDir, CSP);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(CSP);
    expect(await html.text()).toContain('AAA Lab');
    const js = await appResponse('app://lab/assets/index-abc.js', rendererDir, CSP);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await appResponse('app://lab/', rendererDir, CSP)).status).toBe(200);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of [
      'app://lab/..%2fsecret.txt',
      'app://lab/%2e%2e%2fsecret.txt',
      'app://lab/assets/..%2f..%2fsecret.txt',
      'app://lab/..%5csecret.txt',
      'app://lab/%00index.html',
      'app://other/index.html',
      'app://lab/missing.js',
      'app://lab/%E0%A4%A',
    ]) {
      const res = await appResponse(url, rendererDir, CSP);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(CSP);
    }
    expect(resolveAppFile('app://lab/../../secret.txt', rendererDir)).toBe(join(rendererDir, 'secret.txt'));
  });

  it('is installed on the session', async () => {
    const ses = fake.fakeSession();
    serveRenderer(ses as never, rendererDir, CSP);
    const res = await ses.protocolHandlers.get('app')!({ url: 'app://lab/index.html' });
    expect(res.status).toBe(200);
  });
});
