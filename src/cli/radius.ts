import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { processIo, type CliIo } from './io';
import { registerRadiusEap } from './radius-eap';
import { printResult } from './radius-print';
import { seconds, UsageError } from './usage';
import { loadDictionaries } from '../engine/radius/dictionary/parser';
import { defaultDictionaryDir } from '../engine/radius/dictionary/load';
import type { AttrInput } from '../engine/radius/codec/build';
import { CODES } from '../engine/radius/codec/constants';
import { parseAttributeText } from '../engine/radius/client/attr-syntax';
import { RadiusClient, type AuthMethod, type ClientResult } from '../engine/radius/client/client';
import { PRESETS, preset } from '../engine/radius/client/presets';

interface Flags {
  host: string;
  port?: string;
  secret?: string;
  attr: string[];
  file?: string;
  expect: string[];
  json?: boolean;
  timeout: string;
  retries: string;
  messageAuthenticator: boolean;
  user?: string;
  password?: string;
  type: AuthMethod;
  status: string;
  preset?: string;
  session?: string;
  mac?: string;
  service?: string;
  radsec?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  verbose?: boolean;
  dictionary: string[];
  auditSessionId?: string;
  framedIp?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function common(cmd: Command, defaultPort: number): Command {
  return cmd
    .option('-H, --host <host>', 'server address', '127.0.0.1')
    .option('-p, --port <port>', `server port (default ${defaultPort})`)
    .option('-s, --secret <secret>', 'shared secret (or RADIUS_SECRET)')
    .option(
      '-a, --attr <Attr=value>',
      'attribute(s) in radclient syntax, e.g. Cisco-AVPair="shell:priv-lvl=15"; repeatable',
      collect,
      [],
    )
    .option('-f, --file <attrs.txt>', 'attributes from a file (radclient syntax, one or more per line)')
    .option(
      '-e, --expect <Attr=value>',
      'require this attribute value in the reply (exit 1 otherwise); repeatable',
      collect,
      [],
    )
    .option('--json', 'print the result and the exchange as JSON')
    .option('-v, --verbose', 'print every packet sent and received, decoded')
    .option(
      '-d, --dictionary <file>',
      'extra FreeRADIUS-format dictionary file or directory (after the bundled ones); repeatable',
      collect,
      [],
    )
    .option('-t, --timeout <seconds>', 'seconds to wait per attempt', '3')
    .option('-r, --retries <n>', 'retransmissions (same Identifier and authenticator)', '2')
    .option('--no-message-authenticator', 'do not add Message-Authenticator (BlastRADIUS testing)')
    .option('--radsec', 'RADIUS over TLS (RFC 6614, default port 2083, secret "radsec")')
    .option('--ca <file>', 'RadSec: CA certificate(s) that sign the server certificate (PEM)')
    .option('--cert <file>', 'RadSec: our client certificate (PEM)')
    .option('--key <file>', 'RadSec: our client private key (PEM)')
    .option('--servername <name>', 'RadSec: name to verify in the server certificate');
}

/** RFC 6614 §2.1: RadSec listens on TCP 2083 whatever the RADIUS code. */
const RADSEC_PORT = 2083;

/** Registers `radius auth|acct|coa|disconnect|status` (radclient-like); exit 0 accept/ack, 1 reject/nak, 2 error. */
export function registerRadius(program: Command, io: CliIo = processIo): void {
  const radius = program
    .command('radius')
    .description('RADIUS test requests (RFC 2865/2866/5176/5997); exit 0 accept/ack, 1 reject/nak, 2 error');

  common(radius.command('auth').description('Access-Request (PAP, CHAP or MS-CHAPv2)'), 1812)
    .option('-u, --user <name>', 'User-Name')
    .option('-P, --password <password>', 'password (or RADIUS_PASSWORD)')
    .addOption(
      new Option('--type <type>', 'authentication method')
        .choices(['pap', 'chap', 'mschapv2'])
        .default('pap'),
    )
    .action((f: Flags) =>
      run(io, f, 1812, async (c, attrs) => {
        const password =
          f.password ??
          process.env.RADIUS_PASSWORD ??
          (f.user && !attrs.length ? await io.password?.(`Password for ${f.user}: `) : undefined);
        if (!f.user || password === undefined) {
          if (attrs.length === 0)
            throw new UsageError('--user and --password (or -a attributes) are required');
          return c.request(CODES['Access-Request'], attrs);
        }
        return c.authenticate(f.user, password, f.type, attrs);
      }),
    );

  common(radius.command('acct').description('Accounting-Request'), 1813)
    .addOption(
      new Option('--status <type>', 'Acct-Status-Type')
        .choices(['start', 'interim', 'stop', 'on', 'off'])
        .default('start'),
    )
    .option('-u, --user <name>', 'User-Name')
    .option('--session <id>', 'Acct-Session-Id (default: a new one)')
    .action((f: Flags) =>
      run(io, f, 1813, (c, attrs) => {
        const status =
          {
            start: 'Start',
            interim: 'Interim-Update',
            stop: 'Stop',
            on: 'Accounting-On',
            off: 'Accounting-Off',
          }[f.status] ?? f.status;
        const extra: AttrInput[] = [];
        if (f.user && !has(attrs, 'User-Name')) extra.push({ name: 'User-Name', value: f.user });
        if (!has(attrs, 'Acct-Session-Id') && f.status !== 'on' && f.status !== 'off')
          extra.push({ name: 'Acct-Session-Id', value: f.session ?? `aaa-lab-${process.pid}` });
        // `-a Acct-Status-Type=…` replaces --status rather than adding a second one (a malformed request).
        if (has(attrs, 'Acct-Status-Type'))
          return c.request(CODES['Accounting-Request'], [...extra, ...attrs]);
        return c.accounting(status, [...extra, ...attrs]);
      }),
    );

  for (const kind of ['coa', 'disconnect'] as const) {
    common(
      radius
        .command(kind)
        .description(kind === 'coa' ? 'CoA-Request (RFC 5176)' : 'Disconnect-Request (RFC 5176)'),
      3799,
    )
      .option('--preset <name>', `vendor recipe: ${PRESETS.map((p) => p.name).join(', ')}`)
      .option('-u, --user <name>', 'User-Name of the session')
      .option('--session <id>', 'Acct-Session-Id of the session')
      .option('--mac <mac>', 'Calling-Station-Id of the session')
      .option('--audit-session-id <id>', 'Cisco audit-session-id of the session (IOS-XE presets)')
      .option('--framed-ip <address>', 'Framed-IP-Address of the session')
      .option('--service <name>', 'service or role name for presets that take one')
      .action((f: Flags) =>
        run(io, f, 3799, (c, attrs) => {
          const code = kind === 'coa' ? CODES['CoA-Request'] : CODES['Disconnect-Request'];
          if (f.preset) {
            const p = preset(f.preset);
            if (!p)
              throw new UsageError(
                `unknown preset ${f.preset}; one of ${PRESETS.map((x) => x.name).join(', ')}`,
              );
            return c.request(p.code, [
              ...p.build({
                session: f.session,
                mac: f.mac,
                user: f.user,
                auditSessionId: f.auditSessionId,
                framedIp: f.framedIp,
                service: f.service,
                role: f.service,
              }),
              ...attrs,
            ]);
          }
          const ids: AttrInput[] = [];
          if (f.user) ids.push({ name: 'User-Name', value: f.user });
          if (f.session) ids.push({ name: 'Acct-Session-Id', value: f.session });
          if (f.mac) ids.push({ name: 'Calling-Station-Id', value: f.mac });
          if (f.framedIp) ids.push({ name: 'Framed-IP-Address', value: f.framedIp });
          if (f.auditSessionId)
            ids.push({ name: 'Cisco-AVPair', value: `audit-session-id=${f.auditSessionId}` });
          return c.request(code, [...ids, ...attrs]);
        }),
      );
  }

  registerRadiusEap(radius, io);

  common(radius.command('status').description('Status-Server (RFC 5997)'), 1812).action((f: Flags) =>
    run(io, f, 1812, (c) => c.status()),
  );
}

const has = (attrs: AttrInput[], name: string): boolean =>
  attrs.some((a) => a.name.toLowerCase() === name.toLowerCase());

async function run(
  io: CliIo,
  f: Flags,
  defaultPort: number,
  op: (c: RadiusClient, attrs: AttrInput[]) => Promise<ClientResult>,
): Promise<void> {
  const secret = f.secret ?? process.env.RADIUS_SECRET ?? (f.radsec ? 'radsec' : undefined);
  let client: RadiusClient | undefined;
  try {
    if (!secret) throw new UsageError('--secret (or RADIUS_SECRET) is required');
    if (f.radsec && (!f.ca || !f.cert || !f.key))
      throw new UsageError(
        '--radsec needs --ca, --cert and --key (RFC 6614: mutual certificate authentication)',
      );
    const attrs = [
      ...f.attr.flatMap((a) => parseAttributeText(a)),
      ...(f.file ? parseAttributeText(readFileSync(f.file, 'utf8')) : []),
    ];
    const expects = f.expect.flatMap((e) => parseAttributeText(e));
    const dictionary = f.dictionary.length
      ? loadDictionaries([defaultDictionaryDir(), ...f.dictionary]).dictionary
      : undefined;
    client = new RadiusClient({
      dictionary,
      host: f.host,
      port: Number(f.port ?? (f.radsec ? RADSEC_PORT : defaultPort)),
      secret,
      radsec:
        f.radsec && f.ca && f.cert && f.key
          ? {
              ca: readFileSync(f.ca),
              cert: readFileSync(f.cert),
              key: readFileSync(f.key),
              servername: f.servername,
            }
          : undefined,
      timeoutMs: seconds(f.timeout) * 1000,
      retries: Number(f.retries),
      messageAuthenticator: f.messageAuthenticator,
    });
    const r = await op(client, attrs);
    const failed = expects.filter((e) => !matchesExpect(r, e));
    const positive = [
      CODES['Access-Accept'],
      CODES['Accounting-Response'],
      CODES['CoA-ACK'],
      CODES['Disconnect-ACK'],
    ].includes(r.code as never);
    printResult(io, f, r, failed, dictionary);
    io.exit(positive && failed.length === 0 && r.mschapv2 !== 'invalid' ? 0 : 1);
  } catch (e) {
    const msg = (e as Error).message;
    if (f.json) io.out(JSON.stringify({ error: msg }));
    else io.err(`radius: ${msg}`);
    io.exit(2);
  } finally {
    await client?.close();
  }
}

function matchesExpect(r: ClientResult, e: AttrInput): boolean {
  const v =
    r.attributes[e.name] ??
    Object.entries(r.attributes).find(([k]) => k.toLowerCase() === e.name.toLowerCase())?.[1];
  if (v === undefined) return false;
  return (Array.isArray(v) ? v : [v]).some((x) => x === String(e.value));
}
