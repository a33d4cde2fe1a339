import type { DecryptedBytesDto } from '../contract/trace';
import type { LoadedLab } from './config/loaded-lab';
import { toHex } from './hex';
import { revealHidden } from './radius/codec/decrypted';
import { secretBytes } from './radius/codec/sign';
import { labDictionary } from './radius/dictionary/load';
import type { Secret } from './secret';
import { deobfuscatePacket, secretSpans } from './tacacs/codec/decrypted';
import type { TraceRecord } from './trace/trace-store';

/** What the decrypted view needs of the trace: the request a reply answers, the other side's copy. */
export interface DecryptSources {
  get(id: number): TraceRecord | undefined;
  twinOf(id: number): number | undefined;
}

type Span = { offset: number; length: number };

/**
 * The second byte view of a trace record, built when it is opened (trace.get), never while recording:
 * a TACACS+ packet with its body de-obfuscated (RFC 8907 §4.5), a RADIUS packet with its hidden
 * attributes decrypted in place (User-Password, Tunnel-Password, MS-MPPE keys). The layout is the
 * wire packet's, so the field tree's offsets select the same fields in it. Cleartext secrets are
 * zeroed and listed in `masked` unless the lab's `trace.showSecrets`. Undefined when there is nothing
 * to decrypt or the secret the lab holds for the packet's device does not verify (the record's
 * diagnosis says why).
 */
export function decryptedView(
  rec: TraceRecord,
  lab: LoadedLab,
  src: DecryptSources,
): DecryptedBytesDto | undefined {
  if (rec.parent !== undefined || rec.bytes.length === 0) return undefined; // inner EAP records are clear
  const deviceName = rec.device ?? twinDevice(rec, src);
  const device = lab.config.devices.find((d) => d.name === deviceName);
  if (rec.protocol === 'tacacs') {
    if (rec.transport === 'tls' || !device?.tacacsSecret) return undefined; // RFC 9887: no obfuscation
    const r = deobfuscatePacket(rec.bytes, device.tacacsSecret.reveal());
    if (!r?.ok) return undefined;
    const spans = [...r.secretSpans, ...secretSpans(rec.dissection)];
    return view(
      'Decrypted TACACS+',
      r.bytes,
      spans,
      lab,
      `body de-obfuscated with the tacacsSecret of device ${device.name}`,
    );
  }
  const key = radiusKey(rec, lab, device);
  if (!key) return undefined;
  const request = rec.replyTo !== undefined ? src.get(rec.replyTo)?.bytes : undefined;
  const r = revealHidden(rec.bytes, labDictionary(lab).dictionary, secretBytes(key.secret.reveal()), request);
  if (!r?.ok) return undefined;
  const names = [...new Set(r.revealed.map((s) => s.name))].join(', ');
  return view('Decrypted RADIUS', r.bytes, r.revealed, lab, `${names} decrypted with ${key.owner}`);
}

function view(title: string, bytes: Buffer, spans: Span[], lab: LoadedLab, note: string): DecryptedBytesDto {
  const show = lab.config.trace.showSecrets;
  const masked = show ? [] : merge(spans);
  for (const s of masked) bytes.fill(0, s.offset, s.offset + s.length);
  const why = show
    ? '; secrets shown (trace.showSecrets is on)'
    : masked.length
      ? '; secret values masked (trace.showSecrets is off)'
      : '';
  return { title, hex: toHex(bytes), masked, note: note + why };
}

/** The secret the lab answers this packet with: RadSec's over TLS, else the device's (CoA: coaSecret). */
function radiusKey(
  rec: TraceRecord,
  lab: LoadedLab,
  device: LoadedLab['config']['devices'][number] | undefined,
): { secret: Secret; owner: string } | undefined {
  if (rec.transport === 'tls') {
    const secret = lab.config.radius?.radsec?.secret;
    return secret && { secret, owner: 'the RadSec secret' };
  }
  if (!device) return undefined;
  if (rec.protocol === 'coa' && device.coaSecret)
    return { secret: device.coaSecret, owner: `the coaSecret of device ${device.name}` };
  return (
    device.radiusSecret && { secret: device.radiusSecret, owner: `the radiusSecret of device ${device.name}` }
  );
}

/** A Test client record names no device: the lab's own record of the same packet does. */
function twinDevice(rec: TraceRecord, src: DecryptSources): string | undefined {
  const twin = src.twinOf(rec.id);
  return twin === undefined ? undefined : src.get(twin)?.device;
}

/** Sorted, overlapping or touching spans joined. */
function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.offset - b.offset)) {
    const last = out.at(-1);
    if (last && s.offset <= last.offset + last.length)
      last.length = Math.max(last.length, s.offset + s.length - last.offset);
    else out.push({ offset: s.offset, length: s.length });
  }
  return out;
}
