import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { LabError } from '../contract/envelope';
import { loadPlanSchema, type LoadPlanInput, type LoadSummary, type LoadTick } from '../contract/load';
import { LoadRun, ticksCsv } from '../engine/bench/load/load-runner';
import { bundledDictionary } from '../engine/radius/dictionary/load';
import { processIo, type CliIo } from './io';

interface Flags {
  host: string;
  port?: string;
  secret?: string;
  user: string[];
  password?: string;
  op?: string;
  type: string;
  rate: string;
  concurrency: string;
  duration?: string;
  count?: string;
  rampUp: string;
  timeout: string;
  wrongPasswords: string;
  newConnection?: boolean;
  workers?: string;
  csv?: string;
  json?: boolean;
  yes?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];
const DEFAULT_PORT = { tacacs: 49, radius: 1812 } as const;

/** `aaa-lab load tacacs|radius`: exit 0 no errors, 1 some requests failed, 2 usage. */
export function registerLoad(program: Command, io: CliIo = processIo): void {
  const load = program
    .command('load')
    .description('load runner: many requests per second against any server');
  for (const protocol of ['tacacs', 'radius'] as const) {
    const ops = protocol === 'tacacs' ? ['authenticate', 'authorize', 'account'] : ['auth', 'acct'];
    const types = protocol === 'tacacs' ? ['pap', 'chap', 'ascii'] : ['pap', 'chap', 'mschapv2'];
    const cmd = load
      .command(protocol)
      .description(
        protocol === 'tacacs'
          ? 'TACACS+ authentication, authorization or accounting (single-connect unless --new-connection)'
          : 'RADIUS Access-Request or Accounting-Request with an outstanding-request window',
      )
      .option('-H, --host <host>', 'server address', '127.0.0.1')
      .option('-p, --port <port>', `server port (default ${DEFAULT_PORT[protocol]})`)
      .option('-s, --secret <secret>', 'shared secret')
      .option('-u, --user <name>', 'user name, or a pattern user{0001..5000}; repeatable', collect, [])
      .option('-P, --password <password>', 'password (may use the same {a..b} range as the user)')
      .addOption(new Option('--op <op>', 'operation').choices(ops).default(ops[0]))
      .addOption(new Option('--type <type>', 'authentication method').choices(types).default('pap'))
      .option('-r, --rate <n>', 'target requests per second (0 = as fast as the concurrency allows)', '0')
      .option('-c, --concurrency <n>', 'requests in flight at most (TACACS+: connections)', '16')
      .option('-d, --duration <seconds>', 'stop after this many seconds (default 10 unless --count)')
      .option('-n, --count <n>', 'stop after this many requests')
      .option('--ramp-up <seconds>', 'climb to the rate or concurrency over this long', '0')
      .option('-t, --timeout <seconds>', 'seconds to wait for each reply', '2')
      .option('--wrong-passwords <ratio>', 'share of requests with a wrong password (0..1)', '0')
      .option('--workers <n>', 'worker threads (default: the cores, less one on loopback)')
      .option('--csv <file>', 'write the per-second figures as CSV')
      .option('--json', 'print the summary as JSON')
      .option('-y, --yes', 'confirm a run against a target that is not a loopback address');
    if (protocol === 'tacacs')
      cmd.option('--new-connection', 'one TCP connection per request instead of single-connect');
    cmd.action(async (f: Flags) => io.exit(await loadRun(protocol, f, io)));
  }
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export async function loadRun(protocol: 'tacacs' | 'radius', f: Flags, io: CliIo): Promise<number> {
  const input: LoadPlanInput = {
    protocol,
    host: f.host,
    port: num(f.port) ?? DEFAULT_PORT[protocol],
    secret: f.secret ?? '',
    op: (f.op ?? (protocol === 'tacacs' ? 'authenticate' : 'auth')) as LoadPlanInput['op'],
    method: f.type as LoadPlanInput['method'],
    connection: f.newConnection ? 'new' : 'single',
    users: f.user.length ? f.user : [],
    password: f.password ?? '',
    wrongPasswordRatio: num(f.wrongPasswords),
    rate: num(f.rate),
    concurrency: num(f.concurrency),
    // With only --count, the time bound is the ceiling (every run is bounded in both).
    duration: num(f.duration) ?? (f.count ? 3600 : 10),
    count: num(f.count),
    rampUp: num(f.rampUp),
    timeout: num(f.timeout),
    workers: num(f.workers),
    confirm: f.yes ?? false,
  };
  const parsed = loadPlanSchema.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) io.err(`aaa-lab load: --${flagOf(i.path)}: ${i.message}`);
    return 2;
  }
  const tty = process.stderr.isTTY && !f.json;
  let run: LoadRun;
  try {
    run = new LoadRun(parsed.data, {
      dictionary: bundledDictionary().dictionary,
      onTick: (t) => tty && process.stderr.write(`\r\x1b[K${progress(t)}`),
    });
  } catch (e) {
    if (e instanceof LabError) {
      io.err(`aaa-lab load: ${e.message} (add --yes)`);
      return 2;
    }
    throw e;
  }
  // Ctrl-C stops the run and still prints the summary; a second one quits at once.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    run.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    await run.start();
  } catch (e) {
    io.err(`aaa-lab load: ${(e as Error).message}`);
    return 2;
  }
  const summary = await run.done;
  process.off('SIGINT', onSigint);
  if (tty) process.stderr.write('\r\x1b[K');
  if (f.csv) writeFileSync(f.csv, ticksCsv(run.ticks));
  if (f.json) io.out(JSON.stringify(summary));
  else {
    if (summary.errorCount)
      io.out(
        `errors: ${Object.entries(summary.errors)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
    io.out(summaryLine(`${protocol} ${parsed.data.op} ${parsed.data.host}:${parsed.data.port}`, summary));
  }
  return summary.errorCount ? 1 : 0;
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function progress(t: LoadTick): string {
  const errors = Object.values(t.errors).reduce((a, b) => a + b, 0);
  return `${String(t.second + 1).padStart(4)} s  ${int(t.ok + errors)} req/s  p50 ${ms(t.p50Ms)}  p99 ${ms(t.p99Ms)}  ${int(errors)} errors`;
}

/** The last line: `… N req/s, p50 … p99 …, N errors`. */
export function summaryLine(what: string, s: LoadSummary): string {
  return `${what}: ${int(s.total)} requests in ${s.seconds.toFixed(1)} s (${s.stoppedBy}, ${s.workers} worker${s.workers > 1 ? 's' : ''}), ${int(s.rate)} req/s, p50 ${ms(s.p50Ms)} p90 ${ms(s.p90Ms)} p99 ${ms(s.p99Ms)} max ${ms(s.maxMs)}, ${int(s.errorCount)} errors`;
}

function flagOf(path: PropertyKey[]): string {
  const k = String(path[0] ?? '');
  return (
    {
      users: 'user',
      wrongPasswordRatio: 'wrong-passwords',
      rampUp: 'ramp-up',
      method: 'type',
      confirm: 'yes',
    }[k] ?? k
  );
}
