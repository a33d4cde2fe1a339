import { Command } from 'commander';
import { registerBench } from './bench';
import { registerLoad } from './load';
import { registerServe } from './serve';
import { registerRadius } from './radius';
import { registerTacacs } from './tacacs';

/** `aaa-lab`: the headless lab and the test-request commands, on the same engine as the desktop app. */
const program = new Command('aaa-lab')
  .description('AAA Lab: TACACS+, RADIUS and CoA lab servers, test clients and packet traces')
  .showHelpAfterError()
  .enablePositionalOptions();

registerServe(program);
registerTacacs(program);
registerRadius(program);
registerBench(program);
registerLoad(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`aaa-lab: ${(e as Error).message}`);
  process.exit(2);
});
