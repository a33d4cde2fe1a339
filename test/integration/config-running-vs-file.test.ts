import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { callProcedure, startTestEngine } from '../support/engine';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const settled = async (e: Engine, state: string) => {
  for (let i = 0; i < 100 && e.status().labFile?.state !== state; i++)
    await new Promise((r) => setTimeout(r, 20));
  return e.status().labFile;
};

describe('running ≠ file', () => {
  it('config.apply without saving leaves the file behind; saving brings them together', async () => {
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    expect((await callProcedure(engine, 'config.get', {})).file?.state).toBe('same');

    const edited = engine.lab.source + '\n# edited in the app\n';
    await callProcedure(engine, 'config.apply', { source: edited, save: false });
    const doc = await callProcedure(engine, 'config.get', {});
    expect(doc.file).toMatchObject({ state: 'differs' });
    expect(doc.file?.source).toBe(readFileSync(t.config, 'utf8'));
    expect(doc.source).toBe(edited);

    await callProcedure(engine, 'config.apply', { source: edited, save: true });
    expect(engine.status().labFile?.state).toBe('same');
  });

  it('an edit on disk reaches every window as a lab.status.changed with state "differs"', async () => {
    const t = await startTestEngine({ ports: 'ephemeral' });
    engine = t.engine;
    await settled(engine, 'same');
    const seen: string[] = [];
    engine.events.on('lab.status.changed', (s) => seen.push(s.labFile?.state ?? '?'));
    writeFileSync(t.config, readFileSync(t.config, 'utf8') + '\n# edited outside the app\n');
    expect(await settled(engine, 'differs')).toMatchObject({ state: 'differs' });
    expect(seen).toContain('differs');
    // Reload from file: apply the file's own text, and they agree again.
    const file = (await callProcedure(engine, 'config.get', {})).file!;
    await callProcedure(engine, 'config.apply', { source: file.source!, save: false });
    expect((await callProcedure(engine, 'config.get', {})).file?.state).toBe('same');
  });
});
