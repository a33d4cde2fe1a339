import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/fixtures';
import { dissect } from './dissect';
import { Framer } from './framing';
import { decodePacket, encodePacket, type Body } from './packet';

interface Vector {
  source: string;
  secret: string;
  packets: Array<{
    direction: string;
    hex: string;
    expected: { header: Record<string, number>; body: Record<string, unknown> };
    tshark: string[];
  }>;
}

const dir = join(repoRoot, 'test/vectors');
const files = readdirSync(dir).filter((f) => /^tacacs-.*\.json$/.test(f));

const fromJson = (b: Record<string, unknown>): Body =>
  Object.fromEntries(
    Object.entries(b).map(([k, v]) => [k, k === 'data' ? Buffer.from(v as string, 'hex') : v]),
  ) as unknown as Body;

/** Golden vectors captured from Authen::TacacsPlus and decoded by tshark (see capture-tacacs.ts): parse, generate, stream. */
describe.each(files)('%s', (file) => {
  const v = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Vector;

  it('has packets', () => expect(v.packets.length).toBeGreaterThan(1));

  it.each(v.packets.map((p, i) => [i, p] as const))(
    'packet %i: parse, re-encode byte-identical, tshark agrees',
    (_i, p) => {
      const bytes = Buffer.from(p.hex, 'hex');
      const got = decodePacket(bytes, v.secret, { reveal: true });
      expect(got.header).toEqual(p.expected.header);
      const body = fromJson(p.expected.body);
      expect(
        JSON.parse(
          JSON.stringify({
            ...got.body,
            data: Buffer.from((got.body as { data: Uint8Array }).data).toString('hex'),
          }),
        ),
      ).toEqual(p.expected.body);
      const { length: _l, type: _t, ...h } = got.header;
      expect(encodePacket(h, body, v.secret).toString('hex')).toBe(p.hex);
      // tshark's independent decode names the same values.
      const ts = p.tshark.join('\n');
      expect(ts).toContain(`Sequence number: ${got.header.seqNo}`);
      expect(ts).toContain(`Session ID: ${got.header.sessionId}`);
      if ('user' in got.body && got.body.user) expect(ts).toContain(`User: ${got.body.user}`);
      if ('serverMsg' in got.body && got.body.serverMsg)
        expect(ts).toContain(`Server message: ${got.body.serverMsg.trim()}`);
      // The trace dissection hides passwords by default.
      const d = dissect(bytes, v.secret);
      expect(d.error).toBeUndefined();
      expect(JSON.stringify(d.nodes)).not.toContain('alice-pass');
    },
  );

  it('the whole exchange as one stream, split byte by byte, frames to the same packets', () => {
    const stream = Buffer.concat(v.packets.map((p) => Buffer.from(p.hex, 'hex')));
    const f = new Framer();
    const out: string[] = [];
    for (const b of stream) out.push(...f.push(Uint8Array.of(b)).map((x) => x.toString('hex')));
    expect(out).toEqual(v.packets.map((p) => p.hex));
  });
});
