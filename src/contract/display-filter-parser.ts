import { DisplayFilterError, tokenize, type Operator, type Token } from './display-filter-lexer';

export interface FieldRef {
  /** As typed: "tacacs.user", "radius.Acct-Session-Id". */
  text: string;
  at: number;
}

export interface ValueRef {
  text: string;
  /** Written in quotes: always a string, never a keyword or number. */
  quoted: boolean;
  at: number;
}

export type FilterNode =
  | { kind: 'or' | 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expr: FilterNode }
  | { kind: 'compare'; field: FieldRef; op: Operator; value: ValueRef }
  | { kind: 'exists'; field: FieldRef };

/**
 * Parses a display filter. Grammar (lowest precedence first):
 *   expr    := and ( ("||" | "or") and )*
 *   and     := unary ( ("&&" | "and") unary )*
 *   unary   := ("!" | "not") unary | "(" expr ")" | field [ op value ]
 * A field alone tests that the field is present (`radius`, `tacacs.user`, `dup`).
 */
export function parseFilter(src: string): FilterNode {
  const p = new Parser(tokenize(src));
  if (p.peek().kind === 'end') throw new DisplayFilterError('the filter is empty', 0);
  const node = p.expr();
  const rest = p.peek();
  if (rest.kind !== 'end') {
    const hint = rest.kind === 'rparen' ? 'this ")" has no "(" before it' : `expected "&&", "||" or the end`;
    throw new DisplayFilterError(`${hint}, found "${rest.text}"`, rest.at, rest.text.length);
  }
  return node;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.#i]!;
  }
  #next(): Token {
    return this.tokens[this.#i++]!;
  }

  expr(): FilterNode {
    let left = this.#and();
    while (this.peek().kind === 'or') {
      this.#next();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.peek().kind === 'and') {
      this.#next();
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    const t = this.#next();
    if (t.kind === 'not') return { kind: 'not', expr: this.#unary() };
    if (t.kind === 'lparen') {
      const inner = this.expr();
      const close = this.#next();
      if (close.kind !== 'rparen')
        throw new DisplayFilterError(`the "(" here is not closed`, t.at, Math.max(1, close.at - t.at));
      return inner;
    }
    if (t.kind !== 'word') throw expected('a field name (user, result, device, radius.Acct-Session-Id …)', t);
    const field = { text: t.text, at: t.at };
    if (this.peek().kind !== 'op') return { kind: 'exists', field };
    const op = this.#next().text as Operator;
    const v = this.#next();
    if (v.kind !== 'word' && v.kind !== 'string') throw expected(`a value after "${op}"`, v);
    return { kind: 'compare', field, op, value: { text: v.text, quoted: v.kind === 'string', at: v.at } };
  }
}

function expected(what: string, t: Token): DisplayFilterError {
  const found = t.kind === 'end' ? 'the end of the filter' : `"${t.text}"`;
  return new DisplayFilterError(`expected ${what}, found ${found}`, t.at, Math.max(1, t.text.length));
}
