import type { TraceRecord } from '../trace/trace-store';

type Proto = TraceRecord['protocol'];

/** Ports Wireshark's dissectors claim on their own (no `-d` needed). */
const WELL_KNOWN: Record<'tacplus' | 'radius', ReadonlySet<string>> = {
  tacplus: new Set(['tcp/49']),
  radius: new Set(['udp/1812', 'udp/1813', 'udp/1645', 'udp/1646', 'udp/3799']),
};

const dissectorOf = (p: Proto): 'tacplus' | 'radius' => (p === 'tacacs' ? 'tacplus' : 'radius');

/**
 * The tshark command line that decodes an exported pcap (see pcap.ts), built from the records as
 * they are written: one `-d` per server port that Wireshark does not claim by default (TLS records
 * are written as plain TCP, so the TLS listener needs one too), and the keys named by the device
 * whose secret they are, never the secret. tshark takes one key per protocol: the device with the
 * most records wins.
 */
export class TsharkCommand {
  readonly #decodeAs = new Set<string>();
  readonly #devices = { tacplus: new Map<string, number>(), radius: new Map<string, number>() };

  add(r: Pick<TraceRecord, 'protocol' | 'role' | 'transport' | 'local' | 'remote' | 'device'>): void {
    const d = dissectorOf(r.protocol);
    // The server's port: ours for the lab's listeners, the peer's for the Test client.
    const port = r.role === 'server' ? r.local.port : r.remote.port;
    const l4 = r.transport === 'udp' ? 'udp' : 'tcp';
    if (!WELL_KNOWN[d].has(`${l4}/${port}`)) this.#decodeAs.add(`${l4}.port==${port},${d}`);
    const name = r.device ?? '';
    this.#devices[d].set(name, (this.#devices[d].get(name) ?? 0) + 1);
  }

  /** `keyLog`: the TLS key log saved beside the pcap, so tshark decrypts the EAP tunnels it can. */
  command(file: string, keyLog?: string): string {
    const args = ['tshark', '-r', quote(file)];
    if (keyLog) args.push('-o', quote(`tls.keylog_file:${keyLog}`));
    const tac = this.#key('tacplus');
    const rad = this.#key('radius');
    if (tac) args.push('-o', quote(`tacplus.key:${tac}`));
    if (rad) args.push('-o', quote(`radius.shared_secret:${rad}`));
    for (const d of [...this.#decodeAs].sort()) args.push('-d', d);
    return args.join(' ');
  }

  #key(d: 'tacplus' | 'radius'): string | undefined {
    // Test-client records may name no device; a named one says more when there is one.
    const best = [...this.#devices[d]].sort((a, b) => Number(!a[0]) - Number(!b[0]) || b[1] - a[1])[0]?.[0];
    if (best === undefined) return undefined;
    return best ? `<secret of device ${best}>` : '<the shared secret>';
  }
}

/** Single quotes for a POSIX shell where the word has anything but safe characters. */
function quote(s: string): string {
  return /^[\w./:=,@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
