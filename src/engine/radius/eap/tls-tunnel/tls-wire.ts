import { Duplex } from 'node:stream';

type WriteCallback = (error?: Error | null) => void;

/**
 * The in-memory "socket" a TlsEngine's TLSSocket runs over. Node wraps a JS stream like this in its
 * JSStreamSocket, which only pauses/resumes it, listens for 'data', 'end', 'error' and 'close',
 * writes each encrypted buffer with write(chunk, cb) between cork() and uncork(), ends it on
 * shutdown and destroys it on close (lib/internal/js_stream_socket.js, the same in Node 20 and 22).
 *
 * A full Duplex, so every call Node makes keeps its meaning, with the two per-record paths made
 * direct: an encrypted buffer is taken at once (no Writable queueing: nothing is ever buffered, so
 * `writableLength` is truly 0), and the peer's bytes go straight to the 'data' listener when the
 * stream is flowing with nothing buffered ahead of them, which is where Readable.push would deliver
 * them too, minus its bookkeeping. Anything else (paused, bytes buffered, ended, destroyed, a
 * chunk that is not a Buffer) takes the ordinary Duplex path.
 */
export class TlsWire extends Duplex {
  /** Encrypted output not yet taken. */
  private out: Buffer[] = [];
  /** Bytes of output handed over so far (all writes, taken or not). */
  handed = 0;

  /** The peer's TLS bytes, for the TLS stack to read. */
  deliver(bytes: Buffer): void {
    if (
      this.readableFlowing === true &&
      this.readableLength === 0 &&
      !this.destroyed &&
      !this.readableEnded &&
      this.listenerCount('data') > 0
    )
      this.emit('data', bytes);
    else this.push(bytes);
  }

  /** The output written since the last call, as one buffer. */
  takeOutput(): Buffer {
    const out = this.out;
    if (out.length === 0) return EMPTY;
    this.out = [];
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  override write(chunk: unknown, encoding?: BufferEncoding | WriteCallback, cb?: WriteCallback): boolean {
    const done = typeof encoding === 'function' ? encoding : cb;
    if (!Buffer.isBuffer(chunk) || this.writableEnded || this.destroyed)
      return super.write(chunk, encoding as BufferEncoding, done);
    this.keep(chunk);
    // A Writable never calls back synchronously; Node's wrapper completes the write on a turn.
    if (done) process.nextTick(done, null);
    return true;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, cb: WriteCallback): void {
    this.keep(chunk);
    cb();
  }

  override _read(): void {
    // The bytes arrive by deliver(); there is nothing to fetch.
  }

  private keep(chunk: Buffer): void {
    this.out.push(chunk);
    this.handed += chunk.length;
  }
}

const EMPTY = Buffer.alloc(0);
