import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a C load generator prints when a case ends. */
export interface LoadgenResult {
  ok: number;
  bad: number;
  lost: number;
  secs: number;
  p50_ms: number;
  p99_ms: number;
  /** The generator's own CPU (user + system) over the case. */
  cpu_us: number;
}

/** One case's figures, from either generator. */
export interface Measured {
  ok: number;
  bad: number;
  lost: number;
  secs: number;
  p50: number;
  p99: number;
  /** The generator's own CPU per answered request (µs). */
  genUs: number;
}

/** A C generator's result as figures; `badSamples` are sampled replies that failed verification here. */
export function measured(res: LoadgenResult, badSamples: number): Measured {
  return {
    ok: res.ok,
    bad: res.bad + badSamples,
    lost: res.lost,
    secs: res.secs,
    p50: res.p50_ms,
    p99: res.p99_ms,
    genUs: res.cpu_us / Math.max(1, res.ok + res.bad),
  };
}

/**
 * Compiles bench/loadgen/<name>.c with the system's C compiler into a cache dir outside the tree
 * (keyed by the source's hash), or returns undefined with the reason when there is no compiler or
 * the user asked for the Node generator (`--generator node`): the benchmarks then fall back to
 * their Node generators, which cost the shared cores 11-14 µs per request of their own.
 */
export function cLoadgen(name: string): { bin?: string; why?: string } {
  if (process.argv[process.argv.indexOf('--generator') + 1] === 'node') return { why: '--generator node' };
  const src = join(import.meta.dirname, '..', 'loadgen', `${name}.c`);
  const hash = createHash('sha256')
    .update(readFileSync(src))
    .update(readFileSync(join(dirname(src), 'common.h')))
    .digest('hex')
    .slice(0, 12);
  const dir = join(tmpdir(), 'aaa-lab-loadgen');
  const bin = join(dir, `${name}-${hash}`);
  if (existsSync(bin)) return { bin };
  mkdirSync(dir, { recursive: true });
  const cc = process.env.CC ?? 'cc';
  try {
    // Built under a temporary name and renamed: a test and a benchmark may build it at once.
    const tmp = `${bin}.${process.pid}.tmp`;
    execFileSync(cc, ['-O2', '-Wall', '-o', tmp, src], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, bin);
    return { bin };
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    return {
      why:
        err.code === 'ENOENT'
          ? `no C compiler (${cc})`
          : `${cc} failed: ${err.stderr?.toString().trim().slice(0, 500)}`,
    };
  }
}

/** Runs a generator binary for one case and parses its JSON line. */
export function runLoadgen(bin: string, args: Array<string | number>): Promise<LoadgenResult> {
  return new Promise((resolve, reject) =>
    execFile(bin, args.map(String), { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as LoadgenResult);
    }),
  );
}

/**
 * Writes packets as the generators read them: u32 header, then u16 length (LE) + bytes each,
 * followed by `trailer[i]` (one byte) when given.
 */
export function writePool(
  path: string,
  header: number,
  packets: Iterable<Buffer>,
  trailer?: Uint8Array,
): void {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(4);
  head.writeUInt32LE(header);
  parts.push(head);
  let i = 0;
  for (const p of packets) {
    const len = Buffer.alloc(2);
    len.writeUInt16LE(p.length);
    parts.push(len, p);
    if (trailer) parts.push(Buffer.of(trailer[i]!));
    i++;
  }
  writeFileSync(path, Buffer.concat(parts));
}

/** Reads the sample file a generator wrote: `headerWords` u32s, then u16 length (LE) + reply bytes. */
export function readSamples(path: string, headerWords: number): Array<{ head: number[]; reply: Buffer }> {
  const buf = readFileSync(path);
  const out: Array<{ head: number[]; reply: Buffer }> = [];
  let at = 0;
  while (at + headerWords * 4 + 2 <= buf.length) {
    const head = Array.from({ length: headerWords }, (_, i) => buf.readUInt32LE(at + i * 4));
    at += headerWords * 4;
    const len = buf.readUInt16LE(at);
    out.push({ head, reply: buf.subarray(at + 2, at + 2 + len) });
    at += 2 + len;
  }
  return out;
}
