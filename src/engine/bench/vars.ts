/** Suite variables: `${name}` in any string of a step; `$${` writes a literal `${`. */
export class UnknownVariableError extends Error {
  constructor(readonly variable: string) {
    super(`unknown variable \${${variable}} (not in variables, and no earlier step captured it)`);
    this.name = 'UnknownVariableError';
  }
}

export type Vars = Map<string, string>;

export function interpolate(text: string, vars: Vars): string {
  return text.replace(/\$?\$\{(\w+)\}/g, (whole, name: string) => {
    if (whole.startsWith('$$')) return whole.slice(1);
    const v = vars.get(name);
    if (v === undefined) throw new UnknownVariableError(name);
    return v;
  });
}

/** Every string inside a step (objects and arrays walked), interpolated; other values kept. */
export function interpolateDeep<T>(value: T, vars: Vars): T {
  if (typeof value === 'string') return interpolate(value, vars) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => interpolateDeep(v, vars)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateDeep(v, vars);
    return out as T;
  }
  return value;
}
