import { Buffer } from 'node:buffer';
import { TlsFrameError, type TlsTypeData } from './fragments';

/**
 * RFC 5216 §2.1.5: collects a peer's fragments (M set on all but the last, L with the total length
 * on the first) into one TLS message, with an explicit bound on its size. The caller ACKs every
 * fragment with M set (an empty request) and feeds the whole message to TLS.
 */
export type ReassemblyResult =
  | { kind: 'partial'; received: number; expected?: number }
  | { kind: 'complete'; message: Buffer; fragments: number };

export class Reassembler {
  private parts: Buffer[] = [];
  private received = 0;
  private expected: number | undefined;

  constructor(private readonly maxMessage: number) {}

  get inProgress(): boolean {
    return this.parts.length > 0;
  }

  add(f: TlsTypeData): ReassemblyResult {
    const first = this.parts.length === 0;
    if (first) {
      if (f.length !== undefined && f.length > this.maxMessage)
        throw new TlsFrameError(
          `TLS Message Length ${f.length} is over the limit of ${this.maxMessage} bytes`,
          'length',
        );
      if (f.length !== undefined && !f.more && f.length !== f.data.length)
        throw new TlsFrameError(
          `TLS Message Length ${f.length} but the unfragmented message has ${f.data.length} bytes`,
          'length',
        );
      this.expected = f.length;
    } else if (f.length !== undefined && f.length !== this.expected) {
      // Some peers repeat L on every fragment; a different length is a different message.
      throw new TlsFrameError(
        `TLS Message Length changed mid-message (${this.expected ?? 'none'} then ${f.length})`,
        'length',
      );
    }
    if (f.more && f.data.length === 0)
      throw new TlsFrameError('a fragment with M set carries no data', 'data');
    this.received += f.data.length;
    const cap = this.expected ?? this.maxMessage;
    if (this.received > cap)
      throw new TlsFrameError(
        `fragments add up to ${this.received} bytes, over the ${this.expected !== undefined ? 'announced TLS Message Length' : 'limit'} of ${cap}`,
        'data',
      );
    this.parts.push(f.data);
    if (f.more) return { kind: 'partial', received: this.received, expected: this.expected };
    if (this.expected !== undefined && this.received !== this.expected)
      throw new TlsFrameError(
        `the last fragment ends at ${this.received} bytes but the TLS Message Length was ${this.expected}`,
        'length',
      );
    const message = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const fragments = this.parts.length;
    this.reset();
    return { kind: 'complete', message, fragments };
  }

  reset(): void {
    this.parts = [];
    this.received = 0;
    this.expected = undefined;
  }
}
