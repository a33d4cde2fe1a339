import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for both hosts: out/main (Electron shell + the aaa-lab CLI, which runs on plain Node),
// out/preload (CommonJS so it loads in a sandboxed renderer) and out/renderer (served by both hosts).
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      // The CLI bundle shares chunks with the Electron main; target the oldest Node that runs it.
      target: 'node20',
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          cli: resolve(root, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    resolve: { alias: { '@renderer': resolve(root, 'src/renderer/src') } },
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
