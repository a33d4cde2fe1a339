import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_FORM = 16 * 1024;

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A small urlencoded or JSON body as string fields; undefined when too big or malformed. */
export async function readForm(
  req: IncomingMessage,
): Promise<Record<string, string | undefined> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_FORM) return undefined;
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const v = JSON.parse(text || '{}') as unknown;
      if (!v || typeof v !== 'object') return undefined;
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : undefined]),
      );
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
