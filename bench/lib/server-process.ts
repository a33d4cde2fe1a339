import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Forks bench/<file> (a server under load) in its own process, in TypeScript too: with the
 * parent's loader flags when it has some (tsx), else via jiti's CLI. `--expose-gc` so the parent
 * can ask for heap figures after a full collection; SERVER_NODE_FLAGS (e.g. `--trace-gc`) adds V8
 * flags for the server process only.
 */
export function forkBenchServer(file: string, execArgv: string[] = []): ChildProcess {
  const serverFile = join(import.meta.dirname, '..', file);
  const hasLoader = process.execArgv.some((a) => /^--(import|loader|require|experimental-loader)/.test(a));
  const jitiCli = join(
    dirname(createRequire(import.meta.url).resolve('jiti/package.json')),
    'lib/jiti-cli.mjs',
  );
  return fork(hasLoader ? serverFile : jitiCli, hasLoader ? [] : [serverFile], {
    execArgv: [
      '--expose-gc',
      ...execArgv,
      ...process.execArgv,
      ...(process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
