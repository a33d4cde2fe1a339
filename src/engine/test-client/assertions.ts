import type { AssertionDto, Expectation } from '../../contract/test-client';

/** What a reply looks like to the assertions, for either protocol. */
export interface Outcome {
  /** Status or code name: "PASS_ADD", "Access-Accept"; absent when no (valid) reply came. */
  status?: string;
  pass: boolean;
  /** Reply attributes (RADIUS) or AV pairs (TACACS+) as [name, value]. */
  attributes: ReadonlyArray<readonly [string, string]>;
}

/**
 * Checks the expected result. Status words: "pass", "fail" (a reply that is not a pass), "no-reply",
 * else a status/code name compared case-insensitively, whole or as its last dash-separated part
 * ("accept" → Access-Accept, "nak" → CoA-NAK).
 */
export function checkExpectation(expect: Expectation | undefined, o: Outcome): AssertionDto[] {
  if (!expect) return [];
  const out: AssertionDto[] = [];
  const got = o.status ?? 'no reply';
  const want = expect.status?.trim();
  if (want) out.push({ what: `status ${want}`, ok: statusMatches(want, o), detail: `got ${got}` });
  for (const text of expect.attributes) {
    const parsed = splitPair(text);
    if (!parsed) {
      out.push({ what: text, ok: false, detail: 'not "Name=value"' });
      continue;
    }
    const [name, value] = parsed;
    const same = o.attributes.filter(([n]) => n.toLowerCase() === name.toLowerCase());
    const ok = same.some(([, v]) => valueMatches(value, v));
    const detail = ok
      ? 'present'
      : same.length === 0
        ? `no ${name} in the reply`
        : `got ${same.map(([, v]) => v).join(', ')}`;
    out.push({ what: `${name} = ${value}`, ok, detail });
  }
  return out;
}

/** Exact, or a "Name (code)" value given as its name or its code. */
export function valueMatches(want: string, got: string): boolean {
  if (got === want) return true;
  const m = /^(.*) \((\d+)\)$/.exec(got);
  return m !== null && (m[2] === want.trim() || m[1]!.toLowerCase() === want.trim().toLowerCase());
}

function statusMatches(want: string, o: Outcome): boolean {
  const w = want.toLowerCase();
  if (w === 'pass') return o.pass;
  if (w === 'no-reply' || w === 'no reply' || w === 'timeout') return o.status === undefined;
  if (o.status === undefined) return false;
  if (w === 'fail') return !o.pass;
  const s = o.status.toLowerCase();
  return s === w || s.endsWith(`-${w}`);
}

/** "Name = value", "Name=\"quoted value\"", TACACS+ "name*value" (optional AV pair). */
export function splitPair(text: string): [string, string] | undefined {
  const m = /^\s*([^=*\s]+)\s*[=*]\s*(.*?)\s*$/.exec(text);
  if (!m) return undefined;
  let value = m[2]!;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return [m[1]!, value];
}
