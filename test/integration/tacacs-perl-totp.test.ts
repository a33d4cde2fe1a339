import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { requirePeer } from '../peers/require-peer';
import { fixtureLab, testContext } from '../support/tacacs-lab';

/**
 * TOTP through Authen::TacacsPlus (Debian libauthen-tacacsplus-perl). Its C client (tac_client.c,
 * make_auth) answers GETUSER with the user and GETPASS with the password, and ends the dialog with
 * "Protocol error" on any other status — it cannot answer GETDATA. So with this peer:
 * mfa.totp: append is tested end to end (the code appended to the password at GETPASS), and
 * mfa.totp: challenge is tested up to the GETDATA prompt the module receives and refuses.
 * tacacs-server and mfa-totp tests carry the full GETDATA dialog with our own client.
 */
const run = promisify(execFile);
const perl = requirePeer('perl');
const hasModule = perl
  ? await run(perl, ['-MAuthen::TacacsPlus', '-e1']).then(
      () => true,
      () => false,
    )
  : false;
if (!hasModule && !process.env.AAA_LAB_ALLOW_MISSING_PEERS)
  throw new Error('Authen::TacacsPlus not installed (apt-get install libauthen-tacacsplus-perl)');

const SCRIPT = `
use strict; use Authen::TacacsPlus;
my ($port, $user, $pw, $type) = @ARGV;
my $t = Authen::TacacsPlus->new(Host => '127.0.0.1', Port => $port, Key => 'testing123', Timeout => 5);
unless ($t) { print "NOCONN ", Authen::TacacsPlus::errmsg(), "\\n"; exit 0; }
my %types = (ascii => Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_ASCII(), pap => Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_PAP());
print $t->authen($user, $pw, $types{$type}) ? "PASS\\n" : "FAIL " . Authen::TacacsPlus::errmsg() . "\\n";
$t->close();
`;
const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-tacacs-perl-totp-'));
const script = join(dir, 'tacplus-totp.pl');
writeFileSync(script, SCRIPT);

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET) });

function labWith(mode: 'challenge' | 'append') {
  return fixtureLab((y) =>
    y.replace(
      /\nusers:[^\n]*\n/,
      `\nmfa:\n  totp: ${mode}\nusers:\n  - username: carol\n    password: carol-pass\n    totp: ${SECRET}\n    groups: [netops]\n`,
    ),
  );
}

async function serve(mode: 'challenge' | 'append') {
  const ctx = testContext(labWith(mode));
  const server = new TacacsServer(ctx);
  const port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
  const auth = async (user: string, pw: string, type = 'ascii') =>
    (await run(perl!, [script, String(port), user, pw, type])).stdout.trim();
  return { ctx, server, auth };
}

describe.skipIf(!hasModule)('Authen::TacacsPlus → our server, TOTP (mfa.totp: append)', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (s = await serve('append')));
  afterAll(() => s.server.stop());

  it('ASCII dialog: password+code given at GETPASS → PASS; the same code again → FAIL; no code → FAIL', async () => {
    const code = totp.generate();
    expect(await s.auth('carol', `carol-pass${code}`)).toBe('PASS');
    const reasons = s.ctx.trace.records
      .map((r) => r.decision?.reasons.join(' | '))
      .filter(Boolean)
      .at(-1);
    expect(reasons).toMatch(/factor 1: password ok in [\d.]+ ms \| factor 2: TOTP code ok \(appended/);
    expect(await s.auth('carol', `carol-pass${code}`)).toMatch(/^FAIL Authentication failed/);
    expect(await s.auth('carol', 'carol-pass')).toMatch(/^FAIL Authentication failed/);
    expect(await s.auth('carol', `wrong-pass${totp.generate({ timestamp: Date.now() + 30_000 })}`)).toMatch(
      /^FAIL/,
    );
  });

  it('PAP: password+code in START → PASS once', async () => {
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    expect(await s.auth('carol', `carol-pass${code}`, 'pap')).toBe('PASS');
    expect(await s.auth('carol', `carol-pass${code}`, 'pap')).toMatch(/^FAIL/);
  });
});

describe.skipIf(!hasModule)('Authen::TacacsPlus → our server, TOTP (mfa.totp: challenge)', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (s = await serve('challenge')));
  afterAll(() => s.server.stop());

  it('ASCII dialog: after the password the module receives GETDATA "Verification code: " with echo off, which its client cannot answer (Protocol error)', async () => {
    const before = s.ctx.trace.records.length;
    expect(await s.auth('carol', 'carol-pass')).toBe('FAIL Protocol error');
    const replies = s.ctx.trace.records.slice(before).filter((r) => /GETDATA/.test(r.summary));
    expect(replies).toHaveLength(1);
    const body = replies[0]!.dissection!.find((n) => n.label === 'Authentication REPLY')!.children!;
    const field = (label: string) => body.find((n) => n.label === label)?.value;
    expect(field('status')).toBe('TAC_PLUS_AUTHEN_STATUS_GETDATA');
    expect(field('flags')).toBe('NOECHO');
    expect(field('server_msg')).toBe('"Verification code: "');
    const d = replies[0]!.decision!;
    expect(d.reasons.join(' | ')).toMatch(
      /factor 1: password ok in [\d.]+ ms \| factor 2: TOTP code requested/,
    );
    // A wrong password never reaches the second factor: GETPASS again, then FAIL after the retries.
    expect(await s.auth('carol', 'wrong-pass')).toMatch(/^FAIL/);
  });
});
