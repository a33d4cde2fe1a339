import type { AttrInput } from '../codec/build';

/**
 * radclient-style attribute text: `Name = value` pairs separated by commas or newlines, values bare or
 * double-quoted (with \" \\ \n escapes), an optional `:tag` after the name (RFC 2868, `Tunnel-Type:1 =
 * VLAN`), operators = := += == accepted. Comments (#) and blank lines are ignored.
 */
export class AttrSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttrSyntaxError';
  }
}

export function parseAttributeText(text: string): AttrInput[] {
  const out: AttrInput[] = [];
  let i = 0;
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && /[ \t\r]/.test(text[i]!)) i++;
  };
  while (i < n) {
    skipSpace();
    const ch = text[i];
    if (ch === undefined) break;
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === ',' || ch === '\n') {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && /[A-Za-z0-9_.\-:]/.test(text[i]!)) i++;
    const rawName = text.slice(nameStart, i);
    if (!rawName)
      throw new AttrSyntaxError(`expected an attribute name at "${text.slice(nameStart, nameStart + 20)}"`);
    skipSpace();
    const op = /^(:=|\+=|==|=)/.exec(text.slice(i));
    if (!op) throw new AttrSyntaxError(`expected "=" after ${rawName}`);
    i += op[0].length;
    skipSpace();
    let value: string;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i]!;
      i++;
      let v = '';
      while (i < n && text[i] !== q) {
        if (text[i] === '\\' && i + 1 < n) {
          const e = text[i + 1]!;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
        } else v += text[i++];
      }
      if (i >= n) throw new AttrSyntaxError(`unterminated quote in the value of ${rawName}`);
      i++;
      value = v;
    } else {
      const start = i;
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '#') i++;
      value = text.slice(start, i).trim();
    }
    const tm = /^(.+?):(\d{1,2})$/.exec(rawName);
    out.push(tm ? { name: tm[1]!, value, tag: Number(tm[2]) } : { name: rawName, value });
  }
  return out;
}
