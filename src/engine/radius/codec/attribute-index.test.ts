import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexAttributes, scanAttributes } from './attribute-index';
import { DecodeError } from './errors';
import { encodeRaw } from './packet';

/**
 * The reference: a naive walk with the RFC 2865 §3 checks, written the obvious way (a header check
 * that throws, then one attribute at a time), against which the index is compared.
 */
function referenceWalk(buf: Buffer): Array<{ type: number; offset: number; value: Buffer }> {
  if (buf.length < 20)
    throw new DecodeError('too-short', 0, 'Length', `packet is ${buf.length} bytes, minimum is 20`);
  const length = buf.readUInt16BE(2);
  if (length < 20)
    throw new DecodeError('length-mismatch', 2, 'Length', `Length field ${length} is below 20`);
  if (length > 4096) throw new DecodeError('too-long', 2, 'Length', `Length field ${length} exceeds 4096`);
  if (length > buf.length)
    throw new DecodeError(
      'length-mismatch',
      2,
      'Length',
      `Length field ${length} exceeds the ${buf.length} bytes received`,
    );
  const out = [];
  for (let off = 20; off < length;) {
    if (off + 2 > length)
      throw new DecodeError(
        'attribute-truncated',
        off,
        'Attribute',
        `attribute header at ${off} runs past the end`,
      );
    const [type, alen] = [buf[off]!, buf[off + 1]!];
    if (alen < 2)
      throw new DecodeError(
        'attribute-length',
        off + 1,
        'Attribute.Length',
        `attribute ${type} has Length ${alen} (minimum 2)`,
      );
    if (off + alen > length)
      throw new DecodeError(
        'attribute-truncated',
        off + 1,
        'Attribute.Length',
        `attribute ${type} (Length ${alen}) runs past the end of the packet`,
      );
    out.push({ type, offset: off, value: buf.subarray(off + 2, off + alen) });
    off += alen;
  }
  return out;
}

/** What the index says, in the reference's shape. */
function fromIndex(buf: Buffer) {
  const index = indexAttributes(buf);
  return Array.from({ length: index.count }, (_, i) => ({
    type: index.type(i),
    offset: index.offset(i),
    value: index.value(i),
  }));
}

const wireAttr = fc
  .tuple(fc.integer({ min: 1, max: 255 }), fc.uint8Array({ maxLength: 40 }))
  .map(([type, v]) => ({ type, value: Buffer.from(v) }));
const packet = fc
  .tuple(fc.array(wireAttr, { maxLength: 30 }), fc.nat(8))
  .map(([attrs, pad]) =>
    Buffer.concat([encodeRaw(1, 7, Buffer.alloc(16, 3), attrs), Buffer.alloc(pad, 0xee)]),
  );
const outcome = (f: () => unknown) => {
  try {
    return { ok: f() };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: { code: e.code, offset: e.offset, field: e.field, message: e.message } };
  }
};

describe('the attribute index', () => {
  it('agrees with a naive walk on well-formed packets, padding past Length ignored', () => {
    fc.assert(
      fc.property(packet, fc.integer({ min: 1, max: 255 }), (buf, probe) => {
        const ref = referenceWalk(buf);
        expect(fromIndex(buf)).toEqual(ref);
        const index = indexAttributes(buf);
        expect(index.bytes.length).toBe(buf.readUInt16BE(2));
        // find: every attribute of one type, in order, and nothing else.
        const found: number[] = [];
        for (let i = index.find(probe); i >= 0; i = index.find(probe, i + 1)) found.push(index.offset(i));
        expect(found).toEqual(ref.filter((a) => a.type === probe).map((a) => a.offset));
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it('rejects what the naive walk rejects, with the same error', () => {
    fc.assert(
      fc.property(
        packet,
        fc.array(fc.tuple(fc.nat(300), fc.nat(255)), { maxLength: 4 }),
        fc.nat(320),
        (good, muts, cut) => {
          const b = Buffer.from(good);
          for (const [pos, val] of muts) if (pos < b.length) b[pos] = val;
          const input = b.subarray(0, cut);
          expect(outcome(() => fromIndex(input))).toEqual(outcome(() => referenceWalk(input)));
        },
      ),
      { numRuns: 3000, seed: 20261208 },
    );
  });

  it('a tolerant scan keeps the attributes before the fault and reports it', () => {
    const b = encodeRaw(
      1,
      1,
      Buffer.alloc(16),
      [1, 24, 79, 80].map((type) => ({ type, value: Buffer.from('abcd') })),
    );
    b[20 + 2 * 6 + 1] = 1; // the third attribute (EAP-Message) claims Length 1
    const index = scanAttributes(b);
    expect(index.error?.message).toBe('attribute 79 has Length 1 (minimum 2)');
    expect(Array.from(index.offsets)).toEqual([20, 26]);
    expect(index.find(24)).toBe(1);
    expect(() => indexAttributes(b)).toThrow(index.error!);
  });

  it('a header fault wins over attribute faults; the attributes that arrived are still indexed', () => {
    const b = encodeRaw(1, 1, Buffer.alloc(16), [{ type: 1, value: Buffer.from('alice') }]);
    b.writeUInt16BE(b.length + 10, 2);
    const index = scanAttributes(b);
    expect(index.error?.message).toBe(`Length field ${b.length + 10} exceeds the ${b.length} bytes received`);
    expect(index.count).toBe(1);
    expect(scanAttributes(b.subarray(0, 12)).error?.code).toBe('too-short');
  });
});
