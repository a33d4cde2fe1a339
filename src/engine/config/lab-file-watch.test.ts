import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabFileWatch } from './lab-file-watch';

const dirs: string[] = [];
const watches: LabFileWatch[] = [];
afterEach(() => {
  for (const w of watches.splice(0)) w.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-watch-'));
  dirs.push(dir);
  const path = join(dir, 'lab.yaml');
  writeFileSync(path, text);
  let changes = 0;
  const w = new LabFileWatch(() => changes++);
  watches.push(w);
  return { path, dir, w, changes: () => changes };
}

/** Resolves once the watch reports `state` (the watch reacts to the file system, asynchronously). */
async function until(w: LabFileWatch, state: string): Promise<void> {
  for (let i = 0; i < 100 && w.state().state !== state; i++) await new Promise((r) => setTimeout(r, 20));
  expect(w.state().state).toBe(state);
}

describe('LabFileWatch', () => {
  it('says "same" when the file holds the running text, with equal hashes', async () => {
    const { path, w } = setup('tacacs: {}\n');
    w.track(path, 'tacacs: {}\n');
    const r = await w.check();
    expect(r.state).toBe('same');
    expect(r.fileHash).toBe(r.runningHash);
    expect(r.source).toBeUndefined();
  });

  it('notices an edit made outside the app, and gives the file text on check', async () => {
    const { path, w, changes } = setup('a: 1\n');
    w.track(path, 'a: 1\n');
    await until(w, 'same');
    const before = changes();
    writeFileSync(path, 'a: 2\n');
    await until(w, 'differs');
    expect(changes()).toBeGreaterThan(before);
    const r = await w.check();
    expect(r.source).toBe('a: 2\n');
    expect(r.fileHash).not.toBe(r.runningHash);
  });

  it('follows a file replaced by rename (how editors and saveAtomically write)', async () => {
    const { path, dir, w } = setup('a: 1\n');
    w.track(path, 'a: 1\n');
    await until(w, 'same');
    writeFileSync(join(dir, '.lab.yaml.tmp'), 'a: 3\n');
    renameSync(join(dir, '.lab.yaml.tmp'), path);
    await until(w, 'differs');
    // Applying the file's text makes them agree again.
    w.track(path, 'a: 3\n');
    await until(w, 'same');
  });

  it('reports a deleted file as missing, and no file as none', async () => {
    const { path, w } = setup('a: 1\n');
    w.track(path, 'a: 1\n');
    rmSync(path);
    expect((await w.check()).state).toBe('missing');
    w.track(undefined, 'a: 1\n');
    expect((await w.check()).state).toBe('none');
  });
});
