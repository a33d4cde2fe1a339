/**
 * Reads a password from the terminal without echo (raw mode: each key arrives as typed, nothing is
 * printed). Enter ends it, Backspace deletes, Ctrl-C / Ctrl-D abandon it (undefined). Undefined at
 * once when stdin is not a terminal: a script must pass -P or the environment variable.
 */
export function promptPassword(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string | undefined> {
  if (!input.isTTY || typeof input.setRawMode !== 'function') return Promise.resolve(undefined);
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let value = '';
    const done = (v: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(v);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003' || ch === '\u0004') return done(undefined);
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}
