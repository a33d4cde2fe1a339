import { BoundedMap } from '../bounded';

/**
 * The server-side TLS key log of this run's EAP tunnels (PEAP, TTLS, EAP-TLS), in the NSS
 * SSLKEYLOGFILE format Node's 'keylog' event gives ("LABEL <client random> <secret>"), keyed by
 * client random so a pcap export can carry the lines of exactly the sessions it holds. Key material
 * is a secret: it stays in memory, is never logged, and leaves only through an export that asks for
 * it. Bounded: the oldest sessions go first beyond `maxSessions`; a session keeps at most
 * MAX_LINES lines (TLS 1.3 writes five, TLS 1.2 one).
 */
export const TLS_KEYLOG_SESSIONS = 4096;
const MAX_LINES = 8;
const LINE = /^([A-Z0-9_]{1,64}) ([0-9a-f]{64}) ([0-9a-f]{32,256})$/i;

export class TlsKeyLog {
  readonly #sessions: BoundedMap<string, string[]>;

  constructor(readonly maxSessions = TLS_KEYLOG_SESSIONS) {
    this.#sessions = new BoundedMap(maxSessions);
  }

  /** One line from a TLSSocket's 'keylog' event; anything that is not a key log line is ignored. */
  add(line: Buffer | string): void {
    const m = LINE.exec(line.toString('latin1').trim());
    if (!m) return;
    const random = m[2]!.toLowerCase();
    let lines = this.#sessions.get(random);
    if (!lines) this.#sessions.set(random, (lines = []));
    if (lines.length < MAX_LINES) lines.push(`${m[1]} ${random} ${m[3]!.toLowerCase()}`);
  }

  /** The lines of the sessions with these client randoms (hex), in a key log file's layout. */
  linesFor(randoms: Iterable<string>): { text: string; sessions: number; lines: number } {
    let text = '';
    let sessions = 0;
    let lines = 0;
    for (const r of randoms) {
      const got = this.#sessions.get(r.toLowerCase());
      if (!got) continue;
      sessions++;
      lines += got.length;
      text += got.join('\n') + '\n';
    }
    return { text, sessions, lines };
  }

  get size(): number {
    return this.#sessions.size;
  }

  clear(): void {
    this.#sessions.clear();
  }
}
