import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
