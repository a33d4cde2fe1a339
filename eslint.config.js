import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// Layers (DESIGN.md §2–3), checked on the resolved file an import reaches rather than on its spelling.
const codecs = [
  './src/engine/radius/codec',
  './src/engine/tacacs/codec',
  './src/engine/radius/eap/codec.ts',
  './src/engine/radius/eap/codec',
];
const layerZones = [
  {
    target: codecs,
    from: ['./src/engine/trace', './src/engine/config', './src/engine/policy', './src/engine/store'],
    message: 'A protocol codec is pure bytes: it never imports trace, config, policy or store.',
  },
  {
    target: './src/renderer',
    from: './src',
    except: ['./renderer', './contract'],
    message: 'The renderer imports only the contract (and its own files).',
  },
  {
    target: './src/engine',
    from: ['./src/main', './src/preload', './src/renderer', './src/serve', './src/cli'],
    message: 'The engine never imports its hosts or the renderer.',
  },
  {
    target: ['./src/engine/http', './src/serve'],
    from: './src/engine/lab.ts',
    message:
      'The web listener and the hosts take narrow engine interfaces (http/http-engine.ts), not the Engine.',
  },
  {
    target: './src/contract',
    from: './src',
    except: ['./contract'],
    message: 'The contract imports only zod (and itself).',
  },
];

// A renderer screen (features/<name>) never imports another screen: what two screens share lives in
// components/, lib/ or store/ (issue 16). Only features/index.ts, the screen registry, sees them all.
const features = './src/renderer/src/features';
for (const d of readdirSync(features, { withFileTypes: true }).filter((e) => e.isDirectory())) {
  layerZones.push({
    target: `${features}/${d.name}`,
    from: features,
    except: [`./${d.name}`],
    message: 'A screen never imports another screen: move what they share to components/, lib/ or store/.',
  });
}

const electronBan = {
  paths: [
    { name: 'electron', message: 'The engine, serve host and CLI never import electron (DESIGN.md §3).' },
    { name: 'react', message: 'The engine never imports react.' },
  ],
  patterns: [{ group: ['**/renderer/**'], message: 'The engine never imports the renderer.' }],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'dictionaries/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
  },
  {
    // Import cycles are checked by scripts/import-cycles.mjs (in `npm run lint`, ~0.2 s): import-x/no-cycle
    // cost ~1 s more CPU over src (of ~19 s) but skips type-only imports, which count here.
    // Tests may drive the product from outside (e.g. an engine test through the CLI's commands).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['src/engine/**', 'src/serve/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
  {
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!zod$)(?!\\./)', message: 'The contract imports only zod (and itself).' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer never imports node built-ins.' },
            {
              group: ['electron'],
              message: 'The renderer reaches Electron only through window.aaaLab (the preload).',
            },
            {
              group: ['**/engine/**', '**/serve/**', '**/main/**'],
              message: 'The renderer talks to the engine only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the IPC adapter and the preload may touch ipcMain / ipcRenderer.
    files: ['src/main/**'],
    ignores: ['src/main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Only src/main/ipc.ts touches ipcMain.' },
      ],
    },
  },
);
