import { inspect } from 'node:util';

const MASK = '••••••';

/**
 * A shared secret, password or token. It prints as a mask everywhere (toString, JSON, util.inspect,
 * template literals), so a secret that ends up in a log line, a trace or an error message stays hidden.
 * Only `reveal()` hands out the value, and only code that needs the bytes (crypto) calls it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  equals(other: Secret | string): boolean {
    return this.#value === (typeof other === 'string' ? other : other.reveal());
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}

export const SECRET_MASK = MASK;

/** Replace every occurrence of the given secrets in a string; for text from third parties (errors). */
export function redact(text: string, secrets: Iterable<Secret | string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    const v = typeof s === 'string' ? s : s?.reveal();
    if (v && v.length >= 3) out = out.split(v).join(MASK);
  }
  return out;
}
