import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layer rule of eslint.config.js, shown to fail on a planted violation. The planted source is
// linted as if it lived at `path` (nothing is written to disk); the modules it imports are real.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

const planted: [what: string, path: string, source: string, rule: string][] = [
  [
    'a TACACS+ codec importing the trace',
    'src/engine/tacacs/codec/planted.ts',
    "import type { TraceSink } from '../../trace/types';\nexport type S = TraceSink;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'a RADIUS codec importing the loaded lab',
    'src/engine/radius/codec/planted.ts',
    "import type { LoadedLab } from '../../config/loaded-lab';\nexport type L = LoadedLab;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the EAP codec importing policy',
    'src/engine/radius/eap/codec.ts',
    "import type { Decision } from '../../policy/decision';\nexport type D = Decision;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'a RADIUS codec importing the store',
    'src/engine/radius/codec/planted.ts',
    "import type { AccountingSink } from '../../store/types';\nexport type A = AccountingSink;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the renderer importing the preload (not the contract)',
    'src/renderer/src/planted.ts',
    "import { EVENT_CHANNEL } from '../../preload/channels';\nexport const c = EVENT_CHANNEL;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the renderer importing the engine',
    'src/renderer/src/planted.ts',
    "import { toHex } from '../../engine/hex';\nexport const h = toHex;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the engine importing electron',
    'src/engine/planted.ts',
    "import { app } from 'electron';\nexport const a = app;\n",
    'no-restricted-imports',
  ],
  [
    'the engine importing the CLI',
    'src/engine/planted.ts',
    "import { registerRadius } from '../cli/radius';\nexport const r = registerRadius;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the serve host taking the whole Engine',
    'src/serve/planted.ts',
    "import type { Engine } from '../engine/lab';\nexport type E = Engine;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the REST API taking the whole Engine',
    'src/engine/http/planted.ts',
    "import type { Engine } from '../lab';\nexport type E = Engine;\n",
    'import-x/no-restricted-paths',
  ],
  [
    'the contract importing a package other than zod',
    'src/contract/planted.ts',
    "import { parse } from 'yaml';\nexport const p = parse;\n",
    'no-restricted-imports',
  ],
  [
    'the contract importing the engine',
    'src/contract/planted.ts',
    "import { toHex } from '../engine/hex';\nexport const h = toHex;\n",
    'import-x/no-restricted-paths',
  ],
];

describe('layer rules (eslint.config.js)', () => {
  it.each(planted)('reject %s', async (_what, path, source, rule) => {
    expect(await ruleHits(path, source)).toContain(rule);
  });

  it('accept the same places importing what they may', async () => {
    const allowed: [string, string][] = [
      [
        'src/engine/tacacs/codec/planted.ts',
        "import { Flags } from './constants';\nexport const f = Flags;\n",
      ],
      [
        'src/renderer/src/planted.ts',
        "import { eventNames } from '../../contract/events';\nexport const e = eventNames;\n",
      ],
      ['src/contract/planted.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
      ['src/engine/planted.ts', "import type { Engine } from './lab';\nexport type E = Engine;\n"],
    ];
    for (const [path, source] of allowed) expect(await ruleHits(path, source), path).toEqual([]);
  });

  // `npm run lint` runs scripts/import-cycles.mjs (import-x/no-cycle skips type-only imports).
  it('reject an import cycle, type-only included (scripts/import-cycles.mjs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aaa-cycles-'));
    try {
      mkdirSync(join(dir, 'engine'));
      writeFileSync(join(dir, 'engine/a.ts'), "import type { B } from './b';\nexport type A = B[];\n");
      writeFileSync(join(dir, 'engine/b.ts'), "import type { A } from './a';\nexport type B = { a?: A };\n");
      const run = () => spawnSync(process.execPath, ['scripts/import-cycles.mjs', dir], { encoding: 'utf8' });
      const cyclic = run();
      expect(cyclic.status).toBe(1);
      expect(cyclic.stdout).toContain('cycle: engine/a.ts engine/b.ts');
      writeFileSync(join(dir, 'engine/b.ts'), 'export type B = { a?: number };\n');
      expect(run().status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
