import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/fixtures';
import { dissect as dissectRadius } from '../radius/codec/dissect';
import { secretBytes } from '../radius/codec/sign';
import { bundledDictionary } from '../radius/dictionary/load';
import { dissect as dissectTacacs } from '../tacacs/codec/dissect';
import { encodePacket } from '../tacacs/codec/packet';
import type { FieldNode } from '../packet-view';
import { maskHidden } from './pcap';

const flat = (nodes: readonly FieldNode[]): FieldNode[] =>
  nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);

// trace.showSecrets (lab-only) shows passwords in the field tree, but exports stay masked: the
// dissector marks secret fields whatever it displays, and the pcap writer blanks marked fields.
describe('show secrets', () => {
  const start = encodePacket(
    { major: 0xc, minor: 1, seqNo: 1, flags: 0, sessionId: 7 },
    {
      kind: 'authen-start',
      action: 1,
      privLvl: 1,
      authenType: 2, // PAP
      service: 1,
      user: 'alice',
      port: 'tty0',
      remAddr: '',
      data: Buffer.from('alice-pass'),
    },
    undefined, // as inside TLS: no obfuscation, the password is in the clear on the wire
  );

  it('hides a PAP password unless the lab shows secrets, and marks the field either way', () => {
    const hidden = flat(dissectTacacs(start, undefined).nodes).find((n) => n.label === 'data')!;
    expect(hidden).toMatchObject({ value: 'hidden (10 bytes)', secret: true });
    const shown = flat(dissectTacacs(start, undefined, { reveal: true }).nodes).find(
      (n) => n.label === 'data',
    )!;
    expect(shown.secret).toBe(true);
    expect(shown.value).toContain('alice-pass');
  });

  it('blanks the password in exported bytes even when the tree shows it', () => {
    const tree = dissectTacacs(start, undefined, { reveal: true }).nodes;
    const masked = Buffer.from(maskHidden(start, tree));
    expect(masked.includes(Buffer.from('alice-pass'))).toBe(false);
    expect(masked.includes(Buffer.from('alice'))).toBe(true); // the user name is not a secret
  });

  it('shows a RADIUS User-Password only when asked, and always marks it (RFC 2865 §7.1 packet)', () => {
    const vector = JSON.parse(
      readFileSync(join(repoRoot, 'test/vectors/radius-rfc2865-7.1.json'), 'utf8'),
    ) as {
      request: { hex: string };
    };
    const bytes = Buffer.from(vector.request.hex.replace(/\s+/g, ''), 'hex');
    const dict = bundledDictionary().dictionary;
    const secret = secretBytes('xyzzy5461');
    const pw = (reveal: boolean) =>
      flat(dissectRadius(bytes, dict, { secret, reveal })).find((n) => n.label.startsWith('User-Password'))!;
    expect(pw(false)).toMatchObject({
      secret: true,
      value: 'hidden (16 bytes), decrypts cleanly with the configured secret',
    });
    expect(pw(true).secret).toBe(true);
    expect(pw(true).value).toContain('"arctangent"');
  });
});
