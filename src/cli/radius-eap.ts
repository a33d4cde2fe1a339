import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CliIo } from './io';
import { seconds, UsageError } from './usage';
import { EAP_CLIENT_METHODS, type EapClientMethod } from '../engine/test-client/eap/methods';
import { runEapClient, type EapClientResult } from '../engine/test-client/eap/supplicant';

interface EapFlags {
  host: string;
  port?: string;
  secret?: string;
  method: EapClientMethod;
  user?: string;
  password?: string;
  outerIdentity?: string;
  ca?: string;
  serverName?: string;
  cert?: string;
  key?: string;
  tlsMax?: string;
  timeout: string;
  retries: string;
  verbose?: boolean;
  json?: boolean;
}

/** `aaa-lab radius eap`: a whole EAP conversation as a supplicant (like eapol_test); exit 0 accept,
 * 1 reject or failure, 2 usage error or timeout. */
export function registerRadiusEap(radius: Command, io: CliIo): void {
  radius
    .command('eap')
    .description('EAP over RADIUS as a supplicant (RFC 3579): md5, gtc, peap, ttls-pap, ttls-mschapv2, tls')
    .addOption(new Option('--method <method>', 'EAP method').choices([...EAP_CLIENT_METHODS]).default('peap'))
    .option('-H, --host <host[:port]>', 'server address, optionally with its port', '127.0.0.1')
    .option('-p, --port <port>', 'server port (default 1812)')
    .option('-s, --secret <secret>', 'shared secret (or RADIUS_SECRET)')
    .option('-u, --user <name>', 'user (the inner identity of PEAP/TTLS)')
    .option('-P, --password <password>', 'password (or RADIUS_PASSWORD); not used by tls')
    .option('--outer-identity <name>', 'PEAP/TTLS outer identity (default anonymous)')
    .option('--ca <file>', 'CA certificate(s) the server certificate must chain to (PEM)')
    .option('--server-name <name>', 'name the server certificate must carry')
    .option('--cert <file>', 'tls: our client certificate (PEM)')
    .option('--key <file>', 'tls: our client private key (PEM)')
    .addOption(
      new Option('--tls-max <version>', 'highest TLS version').choices(['1.2', '1.3']).default('1.3'),
    )
    .option('-t, --timeout <seconds>', 'seconds to wait per attempt', '3')
    .option('-r, --retries <n>', 'retransmissions per round', '2')
    .option('--json', 'print the result as JSON')
    .option('-v, --verbose', 'print every round, decoded')
    .action(async (f: EapFlags) => {
      try {
        const r = await runEapClient(await options(f, io));
        print(io, f, r);
        // As every request command: no answer at all is an error (2), not a refusal (1).
        io.exit(r.outcome === 'accept' ? 0 : r.reason?.startsWith('timeout:') ? 2 : 1);
      } catch (e) {
        const msg = (e as Error).message;
        if (f.json) io.out(JSON.stringify({ error: msg }));
        else io.err(`radius eap: ${msg}`);
        io.exit(2);
      }
    });
}

async function options(f: EapFlags, io: CliIo): Promise<Parameters<typeof runEapClient>[0]> {
  const secret = f.secret ?? process.env.RADIUS_SECRET;
  if (!secret) throw new UsageError('--secret (or RADIUS_SECRET) is required');
  if (!f.user) throw new UsageError('--user is required');
  if (f.method === 'tls' && (!f.cert || !f.key))
    throw new UsageError('--method tls needs --cert and --key (the client certificate and its key)');
  const password =
    f.method === 'tls'
      ? ''
      : (f.password ?? process.env.RADIUS_PASSWORD ?? (await io.password?.(`Password for ${f.user}: `)));
  if (password === undefined) throw new UsageError('--password (or RADIUS_PASSWORD) is required');
  // HOST:PORT unless the host is an IPv6 address (more than one colon): then --port.
  const [host, inlinePort] =
    f.host.split(':').length === 2 ? (f.host.split(':') as [string, string]) : [f.host, undefined];
  const port = Number(f.port ?? inlinePort ?? 1812);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port: expected 1-65535, got ${JSON.stringify(f.port ?? inlinePort)}`);
  const retries = Number(f.retries);
  if (!Number.isInteger(retries) || retries < 0)
    throw new UsageError(`--retries: expected a whole number ≥ 0, got ${JSON.stringify(f.retries)}`);
  const file = (opt: string, p?: string) => {
    if (!p) return undefined;
    try {
      return readFileSync(p);
    } catch (e) {
      throw new UsageError(`${opt}: cannot read ${p} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  return {
    host,
    port,
    secret,
    method: f.method,
    user: f.user,
    password,
    outerIdentity: f.outerIdentity,
    tls: {
      ca: file('--ca', f.ca),
      serverName: f.serverName,
      cert: file('--cert', f.cert),
      key: file('--key', f.key),
      maxVersion: f.tlsMax === '1.2' ? 'TLSv1.2' : 'TLSv1.3',
    },
    timeoutMs: seconds(f.timeout) * 1000,
    retries,
  };
}

function print(io: CliIo, f: EapFlags, r: EapClientResult): void {
  if (f.json) {
    io.out(JSON.stringify(r, null, 2));
    return;
  }
  if (f.verbose)
    for (const x of r.rounds) {
      io.out(`round ${x.round}: sent ${x.sent}`);
      io.out(`         got  ${x.reply}${x.received ? `, ${x.received}` : ''}${x.note ? ` (${x.note})` : ''}`);
    }
  for (const n of r.notes) io.out(`  ${n}`);
  if (r.outcome === 'accept') {
    io.out(`Access-Accept after ${r.rounds.length} rounds (EAP-Success)`);
    for (const [k, v] of r.replyAttributes) io.out(`  ${k} = ${JSON.stringify(v)}`);
  } else io.out(`${r.outcome === 'reject' ? 'REJECT' : 'FAILURE'} in round ${r.failedRound}: ${r.reason}`);
  if (r.mppe === 'match') io.out('MPPE keys match the MSK');
  else if (r.mppe === 'missing') io.out('no MS-MPPE keys in the Access-Accept');
  else if (r.mppe === 'mismatch') io.out('MPPE keys do NOT match the MSK');
}
