/** A display-filter syntax error: where (0-based column) and what was expected. */
export class DisplayFilterError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly length = 1,
  ) {
    super(message);
    this.name = 'DisplayFilterError';
  }

  /** "…: column 12" plus the expression with a caret under the place, for a monospace hint. */
  pointer(source: string): string {
    return `${source}\n${' '.repeat(this.at)}${'^'.repeat(Math.max(1, this.length))}`;
  }
}

export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  at: number;
}

/** Comparison operators, longest first so "==" is not read as "=" then "=". */
const OPERATORS = ['==', '!=', '!~', '>=', '<=', '~', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number] | 'contains';

const WORD = /[A-Za-z0-9_.:\-/*+@µ]/;
const KEYWORDS: Record<string, TokenKind | undefined> = { and: 'and', or: 'or', not: 'not' };
/** Wireshark's word operators, for people who type them. */
const WORD_OPS: Record<string, Operator | undefined> = {
  eq: '==',
  ne: '!=',
  matches: '~',
  contains: 'contains',
  gt: '>',
  lt: '<',
  ge: '>=',
  le: '<=',
};

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, at });
      i++;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ kind: c === '&' ? 'and' : 'or', text: src.slice(i, i + 2), at });
      i += 2;
    } else if (c === '"' || c === "'") {
      const { text, end } = quoted(src, i);
      out.push({ kind: 'string', text, at });
      i = end;
    } else if (OPERATORS.some((op) => src.startsWith(op, i))) {
      const op = OPERATORS.find((o) => src.startsWith(o, i))!;
      out.push({ kind: 'op', text: op, at });
      i += op.length;
    } else if (c === '!') {
      out.push({ kind: 'not', text: c, at });
      i++;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < src.length && WORD.test(src[j]!)) j++;
      const text = src.slice(i, j);
      const lower = text.toLowerCase();
      const kw = KEYWORDS[lower];
      const op = WORD_OPS[lower];
      if (kw) out.push({ kind: kw, text, at });
      else if (op) out.push({ kind: 'op', text: op, at });
      else out.push({ kind: 'word', text, at });
      i = j;
    } else if (c === '=' || c === '&' || c === '|') {
      const want = c === '=' ? '==' : c + c;
      throw new DisplayFilterError(`"${c}" is not an operator here: write "${want}"`, at);
    } else {
      throw new DisplayFilterError(`unexpected character "${c}"`, at);
    }
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

function quoted(src: string, start: number): { text: string; end: number } {
  const q = src[start]!;
  let text = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      text += src[i + 1];
      i += 2;
    } else if (c === q) return { text, end: i + 1 };
    else {
      text += c;
      i++;
    }
  }
  throw new DisplayFilterError(`the string opened here has no closing ${q}`, start, src.length - start);
}
