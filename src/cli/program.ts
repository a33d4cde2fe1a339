import { Command, CommanderError } from 'commander';
import { registerBench } from './bench';
import { registerCerts } from './certs';
import { processIo, type CliIo } from './io';
import { registerLoad } from './load';
import { registerRadius } from './radius';
import { registerServe } from './serve';
import { registerTacacs } from './tacacs';

/** Exit code of a usage error (unknown option, bad choice, missing option), as the README promises. */
export const USAGE_EXIT = 2;

/** `aaa-lab`: the headless lab and the test-request commands, on the same engine as the desktop app. */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('aaa-lab')
    .description('AAA Lab: TACACS+, RADIUS and CoA lab servers, test clients and packet traces')
    .showHelpAfterError()
    .enablePositionalOptions()
    // Commander's own exit is 1 for a usage error, the same as a reject: thrown instead, then
    // mapped by exitCodeOf. Set before the subcommands so they inherit it.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerServe(program);
  registerTacacs(program, io);
  registerRadius(program, io);
  registerBench(program);
  registerLoad(program);
  registerCerts(program, io);
  return program;
}

/** 0 for help and version, 2 for every usage error commander reports. */
export function exitCodeOf(e: unknown): number {
  if (!(e instanceof CommanderError)) return USAGE_EXIT;
  if (e.exitCode === 0) return 0;
  return USAGE_EXIT;
}

/** Parses argv and runs the command; usage errors exit 2. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<void> {
  try {
    await buildProgram(io).parseAsync(argv as string[]);
  } catch (e) {
    const code = exitCodeOf(e);
    if (!(e instanceof CommanderError)) io.err(`aaa-lab: ${(e as Error).message}`);
    io.exit(code);
  }
}
