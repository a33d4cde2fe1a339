/**
 * Regenerates test/vectors/tacacs-perl-*.json: Authen::TacacsPlus (the C tacplus client) against our
 * server, each packet's bytes as captured, and what tshark (`-o tacplus.key:testing123`) decodes.
 * Run: npx jiti test/vectors/capture-tacacs.ts   (needs perl, libauthen-tacacsplus-perl, tshark)
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePacket } from '../../src/engine/tacacs/codec/packet';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { pcapChunks } from '../../src/engine/trace/pcap';
import { testContext } from '../support/tacacs-lab';

const KEY = 'testing123';
const dir = mkdtempSync(join(tmpdir(), 'tacacs-capture-'));
const script = join(dir, 'c.pl');
writeFileSync(
  script,
  `use strict; use Authen::TacacsPlus; use Digest::MD5 qw(md5);
my ($port, $type) = @ARGV;
my $t = Authen::TacacsPlus->new(Host => '127.0.0.1', Port => $port, Key => '${KEY}', Timeout => 5) or die;
my %ty = (ascii => Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_ASCII(), pap => Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_PAP(), chap => Authen::TacacsPlus::TAC_PLUS_AUTHEN_TYPE_CHAP());
my $pw = 'alice-pass';
if ($type eq 'chap') { my $ch = 'abcdefghijklmnop'; $pw = 'A' . $ch . md5('A' . $pw . $ch); }
print $t->authen('alice', $pw, $ty{$type}) ? "PASS\\n" : "FAIL\\n"; $t->close();`,
);

const toJson = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array || (x && (x as { type?: string }).type === 'Buffer') ? Buffer.from(x as Uint8Array).toString('hex') : x)));

for (const type of ['ascii', 'pap', 'chap']) {
  const ctx = testContext();
  const server = new TacacsServer(ctx);
  const port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
  // Async: the server answers on this event loop while perl runs.
  const out = (await promisify(execFile)('perl', [script, String(port), type])).stdout.trim();
  await server.stop();
  const recs = ctx.trace.records.filter((r) => r.bytes.length);
  const pcap = join(dir, `${type}.pcap`);
  writeFileSync(pcap, Buffer.concat([...pcapChunks(recs.map((r, i) => ({ ...r, timeUs: 1_700_000_000_000_000 + i * 1000 })))]));
  const tshark = execFileSync('tshark', ['-r', pcap, '-d', `tcp.port==${port},tacplus`, '-o', `tacplus.key:${KEY}`, '-V', '-Y', 'tacplus', '-O', 'tacplus'], { encoding: 'utf8' });
  const frames = tshark.split(/\n(?=Frame \d+:)/).map((f) => f.slice(f.indexOf('TACACS+')).split('\n').map((l) => l.trim()).filter((l) => l && !/^\[?Stream index|^\[Timestamps|Frame \d+/.test(l)));
  const vector = {
    source: `Authen::TacacsPlus ${type.toUpperCase()} login (perl libauthen-tacacsplus-perl) against AAA Lab; result ${out}`,
    secret: KEY,
    tsharkVersion: execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0],
    packets: recs.map((r, i) => ({
      direction: r.direction === 'in' ? 'client→server' : 'server→client',
      hex: Buffer.from(r.bytes).toString('hex'),
      expected: toJson(decodePacket(r.bytes, KEY, { reveal: true })),
      tshark: frames[i] ?? [],
    })),
  };
  writeFileSync(join(import.meta.dirname ?? __dirname, `tacacs-perl-${type}.json`), JSON.stringify(vector, null, 2) + '\n');
  console.log(type, out, recs.length, 'packets');
}
