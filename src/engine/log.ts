import type { Logger } from './context';

/**
 * Structured one-line logs to stderr. Values are JSON-encoded, and a `Secret` encodes as its mask,
 * so a secret passed in fields by mistake still does not leak.
 */
export function consoleLogger(
  opts: { level?: 'debug' | 'info' | 'warn' | 'error'; stream?: NodeJS.WritableStream } = {},
): Logger {
  const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
  const min = order[opts.level ?? (process.env.AAA_LAB_LOG_LEVEL as keyof typeof order) ?? 'info'] ?? 20;
  const out = opts.stream ?? process.stderr;
  const write = (level: keyof typeof order) => (msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    out.write(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${extra}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
