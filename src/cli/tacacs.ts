import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { processIo, type CliIo } from './io';
import { seconds, UsageError } from './usage';
import { TacacsClient, type ClientResult } from '../engine/tacacs/client/client';
import {
  account,
  authenticate,
  authorize,
  commandArgs,
  type ClientAuthenType,
} from '../engine/tacacs/client/client-ops';

interface CommonFlags {
  host: string;
  port: string;
  secret?: string;
  user: string;
  privLvl: string;
  remAddr?: string;
  portName?: string;
  tls?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  timeout: string;
  singleConnect?: boolean;
  json?: boolean;
  verbose?: boolean;
  localAddress?: string;
  cmd: string[];
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function common(cmd: Command): Command {
  return cmd
    .option('-H, --host <host>', 'server address', '127.0.0.1')
    .option('-p, --port <port>', 'server port (49; 300 for TLS per RFC 9887)')
    .option('-k, --secret <key>', 'shared secret (or TACACS_PLUS_KEY)')
    .requiredOption('-u, --user <name>', 'user name')
    .option('--priv-lvl <n>', 'privilege level', '1')
    .option('--rem-addr <addr>', 'rem_addr (the user’s address)')
    .option('--port-name <name>', 'port field (tty/vty)', 'tty0')
    .option('--tls', 'TACACS+ over TLS 1.3 (RFC 9887); no obfuscation')
    .option('--ca <file>', 'CA certificate to verify the server (TLS)')
    .option('--cert <file>', 'client certificate (TLS)')
    .option('--key <file>', 'client private key (TLS)')
    .option('--local-address <addr>', 'bind the client socket to this address')
    .option('--timeout <seconds>', 'seconds to wait for each reply (as tacacs_plus --timeout)', '5')
    .option('--single-connect', 'ask for single-connect (RFC 8907 §4.3): one connection for the session')
    .option('--json', 'print the result and the decoded exchange as JSON')
    .option('-v, --verbose', 'print every packet of the exchange')
    .option(
      '-c, --cmd <value>',
      'AV pair (service=shell, cmd=show) or a command line ("show version"); repeatable',
      collect,
      [],
    );
}

/** Registers `tacacs authenticate|authorize|account` on a commander program (the `tacacs_plus` CLI model). */
export function registerTacacs(program: Command, io: CliIo = processIo): void {
  const tacacs = program
    .command('tacacs')
    .description('TACACS+ test requests (RFC 8907); exit 0 PASS, 1 FAIL, 2 error');

  common(tacacs.command('authenticate').description('authenticate a user (login or enable)'))
    .option('-P, --password <password>', 'password (or TACACS_PLUS_PASSWORD)')
    .addOption(
      new Option('-t, --type <type>', 'authen_type')
        .choices(['ascii', 'pap', 'chap', 'mschap', 'mschapv2'])
        .default('ascii'),
    )
    .addOption(
      new Option('-s, --service <service>', 'authen_service').choices(['login', 'enable']).default('login'),
    )
    .action((f: CommonFlags & { password?: string; type: ClientAuthenType; service: 'login' | 'enable' }) =>
      run(io, f, 'authenticate', async (c) => {
        const password =
          f.password ?? process.env.TACACS_PLUS_PASSWORD ?? (await io.password?.(`Password for ${f.user}: `));
        if (password === undefined) throw new UsageError('--password (or TACACS_PLUS_PASSWORD) is required');
        return authenticate(c, {
          type: f.type,
          user: f.user,
          password,
          service: f.service,
          privLvl: Number(f.privLvl),
          remAddr: f.remAddr,
          port: f.portName,
        });
      }),
    );

  common(
    tacacs.command('authorize').description('authorize exec (no -c) or a command (-c "show version")'),
  ).action((f: CommonFlags) =>
    run(io, f, 'authorize', (c) =>
      authorize(c, {
        user: f.user,
        args: avArgs(f.cmd),
        privLvl: Number(f.privLvl),
        remAddr: f.remAddr,
        port: f.portName,
      }),
    ),
  );

  common(tacacs.command('account').description('send an accounting record'))
    .addOption(
      new Option('-f, --flags <flags>', 'record type')
        .choices(['start', 'stop', 'watchdog', 'watchdog-update'])
        .default('start'),
    )
    .option('--task-id <id>', 'task_id AV pair', String(process.pid))
    .action((f: CommonFlags & { flags: 'start' | 'stop' | 'watchdog' | 'watchdog-update'; taskId: string }) =>
      run(io, f, 'account', (c) => {
        const args = avArgs(f.cmd);
        if (!args.some((a) => a.startsWith('task_id'))) args.unshift(`task_id=${f.taskId}`);
        if (f.flags === 'start' && !args.some((a) => a.startsWith('start_time')))
          args.push(`start_time=${Math.floor(Date.now() / 1000)}`);
        if (f.flags === 'stop' && !args.some((a) => a.startsWith('stop_time')))
          args.push(`stop_time=${Math.floor(Date.now() / 1000)}`);
        return account(c, {
          user: f.user,
          flags: f.flags,
          args,
          privLvl: Number(f.privLvl),
          remAddr: f.remAddr,
          port: f.portName,
        });
      }),
    );
}

/** `-c` values: AV pairs stay as they are; a plain command line becomes cmd/cmd-arg pairs as IOS sends them. */
export function avArgs(values: readonly string[]): string[] {
  const args: string[] = [];
  for (const v of values) {
    if (/^[\w-]+[=*]/.test(v)) args.push(v);
    else args.push(...commandArgs(v).filter((a) => a !== 'service=shell'));
  }
  if (!args.some((a) => /^service[=*]/.test(a))) args.unshift('service=shell');
  return args;
}

async function run(
  io: CliIo,
  f: CommonFlags,
  what: string,
  op: (c: TacacsClient) => Promise<ClientResult>,
): Promise<void> {
  const secret = f.secret ?? process.env.TACACS_PLUS_KEY;
  const port = Number(f.port ?? (f.tls ? 300 : 49));
  try {
    if (!f.tls && !secret) throw new UsageError('--secret (or TACACS_PLUS_KEY) is required without --tls');
    const read = (p?: string) => (p ? readFileSync(p) : undefined);
    const tls = f.tls ? { ca: read(f.ca), cert: read(f.cert), key: read(f.key) } : undefined;
    const client = new TacacsClient({
      host: f.host,
      port,
      secret: f.tls ? undefined : secret,
      tls,
      timeoutMs: seconds(f.timeout) * 1000,
      localAddress: f.localAddress,
      singleConnect: f.singleConnect,
    });
    const r = await op(client).finally(() => client.close());
    print(io, f, what, r);
    io.exit(r.pass ? 0 : r.status === 'FAIL' ? 1 : 2);
  } catch (e) {
    const msg = (e as Error).message;
    if (f.json) io.out(JSON.stringify({ error: msg }));
    else io.err(`tacacs ${what}: ${msg}`);
    io.exit(2);
  }
}

function print(io: CliIo, f: CommonFlags, what: string, r: ClientResult): void {
  if (f.json) {
    const exchange = r.exchange.map((e) => ({
      direction: e.direction,
      summary: e.summary,
      hex: e.bytes.toString('hex'),
    }));
    io.out(
      JSON.stringify(
        {
          status: r.status,
          pass: r.pass,
          serverMsg: r.serverMsg,
          data: r.data,
          avPairs: r.avPairs,
          serverAuthenticated: r.serverAuthenticated,
          durationMs: Math.round(r.durationMs * 1000) / 1000,
          exchange,
        },
        null,
        2,
      ),
    );
    return;
  }
  if (f.verbose) for (const e of r.exchange) io.out(`${e.direction === 'out' ? '→' : '←'} ${e.summary}`);
  io.out(`${what} ${f.user} @ ${f.host}: ${r.status} (${r.durationMs.toFixed(1)} ms)`);
  if (r.serverMsg) io.out(`server message: ${r.serverMsg.trim()}`);
  if (r.avPairs.length) io.out(`AV pairs: ${r.avPairs.join(' ')}`);
  if (r.serverAuthenticated !== undefined)
    io.out(`server authenticator response: ${r.serverAuthenticated ? 'valid' : 'INVALID'}`);
}
