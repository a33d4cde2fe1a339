#!/usr/bin/env node
// The `aaa-lab` command: runs the CLI bundle that `npm install` (prepare) / `npm run build` produce.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('aaa-lab: not built yet: run `npm run build` in the aaa-lab directory first');
  process.exit(2);
}
await import(cli.href);
