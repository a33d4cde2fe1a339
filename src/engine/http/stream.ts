import type { ServerResponse } from 'node:http';
import type { ExportBody } from '../export/trace-export';

/**
 * Writes an export to the response, pulling the next chunk only when the socket has room (waits for
 * 'drain'), so a 1,000,000-record export holds one chunk in memory at a time. A client that goes
 * away stops the pull; the generator's `finally` runs via return().
 */
export async function streamExport(
  res: ServerResponse,
  body: ExportBody,
  opts: { filename: string; headers?: Record<string, string> },
): Promise<{ bytes: number; complete: boolean }> {
  res.writeHead(200, {
    'content-type': body.contentType,
    'content-disposition': `attachment; filename="${opts.filename}.${body.extension}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...opts.headers,
  });
  let bytes = 0;
  let chunks = 0;
  const it = body.chunks[Symbol.iterator]();
  try {
    for (let next = it.next(); !next.done; next = it.next()) {
      if (res.destroyed) return { bytes, complete: false };
      const chunk = next.value;
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (!res.write(chunk)) {
        if (!(await drained(res))) return { bytes, complete: false };
      } else if (++chunks % 16 === 0) {
        // A fast reader never fills the socket: yield anyway so the servers keep answering.
        await new Promise<void>((r) => setImmediate(r));
      }
    }
  } finally {
    it.return?.();
  }
  res.end();
  return { bytes, complete: true };
}

/** Resolves true on 'drain', false if the response closes first; removes both listeners. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
