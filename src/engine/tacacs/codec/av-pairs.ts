/** §6.1 argument AV pairs: "name=value" (mandatory) or "name*value" (optional); the first separator wins. */
export interface AvPair {
  name: string;
  value: string;
  mandatory: boolean;
}

export function parseAv(arg: string): AvPair {
  const eq = arg.indexOf('=');
  const star = arg.indexOf('*');
  const cut = eq < 0 ? star : star < 0 ? eq : Math.min(eq, star);
  if (cut < 0) return { name: arg, value: '', mandatory: true };
  return { name: arg.slice(0, cut), value: arg.slice(cut + 1), mandatory: arg[cut] === '=' };
}

export const formatAv = (p: AvPair): string => `${p.name}${p.mandatory ? '=' : '*'}${p.value}`;

/** First value of an attribute. */
export function avValue(args: readonly string[], name: string): string | undefined {
  for (const a of args) {
    const p = parseAv(a);
    if (p.name === name) return p.value;
  }
  return undefined;
}

export function avValues(args: readonly string[], name: string): string[] {
  return args
    .map(parseAv)
    .filter((p) => p.name === name)
    .map((p) => p.value);
}

/** AV pairs by name, multi-valued where repeated (accounting records keep them all). */
export function avRecord(args: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of args) {
    const { name, value } = parseAv(a);
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
