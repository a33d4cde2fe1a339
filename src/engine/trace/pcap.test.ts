import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum } from './net-headers';
import { maskHidden, pcapChunks, type PcapInput } from './pcap';

interface Frame {
  tsUs: number;
  data: Buffer;
}

/** Reads a classic little-endian pcap back into frames (the reader tshark would be). */
function readPcap(file: Buffer): Frame[] {
  expect(file.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(file.readUInt32LE(20)).toBe(1);
  const out: Frame[] = [];
  for (let off = 24; off < file.length;) {
    const incl = file.readUInt32LE(off + 8);
    expect(file.readUInt32LE(off + 12)).toBe(incl);
    out.push({
      tsUs: file.readUInt32LE(off) * 1e6 + file.readUInt32LE(off + 4),
      data: file.subarray(off + 16, off + 16 + incl),
    });
    off += 16 + incl;
  }
  return out;
}

const rec = (over: Partial<PcapInput>): PcapInput => ({
  timeUs: 1_700_000_000_123_456,
  direction: 'in',
  transport: 'tcp',
  role: 'server',
  local: { address: '127.0.0.1', port: 14949 },
  remote: { address: '127.0.0.1', port: 40001 },
  bytes: Buffer.from('hello'),
  ...over,
});

function tcp(f: Frame) {
  const ip = f.data.subarray(14);
  const v4 = ip[0]! >> 4 === 4;
  const seg = ip.subarray(v4 ? 20 : 40);
  return {
    sport: seg.readUInt16BE(0),
    seq: seg.readUInt32BE(4),
    ack: seg.readUInt32BE(8),
    flags: seg[13]!,
    payload: seg.subarray(20),
  };
}

/** One's-complement sum over header + pseudo-header: a correct checksum sums to 0. */
function l4Valid(f: Frame): boolean {
  const ip = f.data.subarray(14);
  const v4 = ip[0]! >> 4 === 4;
  const l4 = ip.subarray(v4 ? 20 : 40);
  const pseudo = Buffer.alloc(v4 ? 12 : 40);
  if (v4) {
    ip.copy(pseudo, 0, 12, 20);
    pseudo[9] = ip[9]!;
    pseudo.writeUInt16BE(l4.length, 10);
    if (checksum([ip.subarray(0, 20)]) !== 0) return false;
  } else {
    ip.copy(pseudo, 0, 8, 40);
    pseudo.writeUInt32BE(l4.length, 32);
    pseudo[39] = ip[6]!;
  }
  return checksum([pseudo, l4]) === 0;
}

describe('pcap writer', () => {
  it('writes the global header, record headers, µs timestamps and valid checksums', () => {
    const frames = readPcap(
      Buffer.concat([
        ...pcapChunks([
          rec({}),
          rec({
            transport: 'udp',
            local: { address: '::1', port: 21812 },
            remote: { address: '::1', port: 5000 },
          }),
        ]),
      ]),
    );
    expect(frames).toHaveLength(5); // SYN, SYN-ACK, ACK, data; one UDP datagram
    expect(frames[3]!.tsUs).toBe(1_700_000_000_123_456);
    for (const f of frames) expect(l4Valid(f)).toBe(true);
    expect(frames[4]!.data.readUInt16BE(12)).toBe(0x86dd);
  });

  it('keeps TCP sequence and acknowledgement numbers consistent per connection', () => {
    const a = { address: '127.0.0.1', port: 40001 };
    const b = { address: '127.0.0.1', port: 40002 };
    const frames = readPcap(
      Buffer.concat([
        ...pcapChunks([
          rec({ remote: a, bytes: Buffer.alloc(30) }),
          rec({ remote: b, bytes: Buffer.alloc(7) }),
          rec({ remote: a, direction: 'out', bytes: Buffer.alloc(18) }),
          rec({ remote: a, bytes: Buffer.alloc(40) }),
        ]),
      ]),
    ).map(tcp);
    const [syn, synAck, ack, d1] = frames;
    expect(syn!.flags).toBe(0x02);
    expect(synAck!.flags).toBe(0x12);
    expect(synAck!.ack).toBe(syn!.seq + 1);
    expect(ack!.seq).toBe(syn!.seq + 1);
    expect(d1!.seq).toBe(syn!.seq + 1);
    expect(d1!.ack).toBe(synAck!.seq + 1);
    const conA = frames.filter((f) => f.payload.length > 0 && (f.sport === 40001 || f.sport === 14949));
    const [in1, out1, in2] = conA.filter((f) => f.payload.length !== 7);
    expect(out1!.seq).toBe(in1!.ack);
    expect(out1!.ack).toBe(in1!.seq + 30);
    expect(in2!.seq).toBe(in1!.seq + 30);
    expect(in2!.ack).toBe(out1!.seq + 18);
  });

  it('leaves out what was never a datagram: inner (child) records and empty UDP events', () => {
    const udp = { transport: 'udp' as const };
    const frames = readPcap(
      Buffer.concat([
        ...pcapChunks([rec({ ...udp, parent: 1 }), rec({ ...udp, bytes: new Uint8Array(0) }), rec(udp)]),
      ]),
    );
    expect(frames).toHaveLength(1);
  });

  it('chunking does not change the file', () => {
    const recs = Array.from({ length: 50 }, (_, i) =>
      rec({ remote: { address: '10.0.0.1', port: 1000 + (i % 4) }, bytes: Buffer.alloc(i * 10, i) }),
    );
    const whole = Buffer.concat([...pcapChunks(recs, { chunkBytes: 1 << 30 })]);
    const small = [...pcapChunks(recs, { chunkBytes: 100 })];
    expect(small.length).toBeGreaterThan(10);
    expect(Buffer.concat(small).equals(whole)).toBe(true);
  });

  it('masks fields the dissector marked hidden, without touching the original bytes', () => {
    const bytes = Buffer.from('userPASSWORDtail');
    const masked = maskHidden(bytes, [
      {
        label: 'body',
        offset: 0,
        length: 16,
        children: [{ label: 'password', value: 'hidden (8 bytes)', offset: 4, length: 8 }],
      },
    ]);
    expect(Buffer.from(masked).toString()).toBe('user********tail');
    expect(bytes.toString()).toBe('userPASSWORDtail');
  });
});

describe('checksum', () => {
  it('does not depend on how the data is split into parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 5 }),
        (data, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((x, y) => x - y);
          const parts: Uint8Array[] = [];
          let prev = 0;
          for (const p of points) {
            parts.push(data.subarray(prev, p));
            prev = p;
          }
          parts.push(data.subarray(prev));
          expect(checksum(parts)).toBe(checksum([data]));
        },
      ),
    );
  });

  it('matches the RFC 1071 §3 example', () => {
    // Bytes 00 01 f2 03 f4 f5 f6 f7: sum ddf2, checksum = ~ddf2 = 220d.
    expect(checksum([Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7)])).toBe(0x220d);
  });
});
