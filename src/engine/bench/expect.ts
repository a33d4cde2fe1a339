import type { BenchAssertion } from '../../contract/bench';
import { checkExpectation, splitPair, valueMatches } from '../test-client/assertions';
import type { StepExpect } from './suite-schema';

/** A reply as the expectations see it, either protocol. */
export interface StepOutcome {
  /** Status or code name; undefined when no (valid) reply came. */
  status?: string;
  pass: boolean;
  serverMsg: string;
  attributes: ReadonlyArray<readonly [string, string]>;
  latencyMs: number;
}

/** RFC 5176 §3.5 Error-Cause values. */
export const ERROR_CAUSES: Record<number, string> = {
  201: 'Residual-Context-Removed',
  202: 'Invalid-EAP-Packet',
  401: 'Unsupported-Attribute',
  402: 'Missing-Attribute',
  403: 'NAS-Identification-Mismatch',
  404: 'Invalid-Request',
  405: 'Unsupported-Service',
  406: 'Unsupported-Extension',
  407: 'Invalid-Attribute-Value',
  501: 'Administratively-Prohibited',
  502: 'Proxy-Request-Not-Routable',
  503: 'Session-Context-Not-Found',
  504: 'Session-Context-Not-Removable',
  505: 'Proxy-Processing-Error',
  506: 'Resources-Unavailable',
  507: 'Request-Initiated',
  508: 'Multiple-Session-Selection-Unsupported',
};

const causeNumber = (v: string | number): number | undefined => {
  if (typeof v === 'number') return v;
  if (/^\d+$/.test(v.trim())) return Number(v);
  // The decoder shows named values as "Name (code)".
  const shown = /\((\d+)\)$/.exec(v.trim());
  if (shown) return Number(shown[1]);
  const hit = Object.entries(ERROR_CAUSES).find(([, n]) => n.toLowerCase() === v.trim().toLowerCase());
  return hit ? Number(hit[0]) : undefined;
};
const causeText = (n: number | undefined, raw: string) =>
  n === undefined ? raw : `${ERROR_CAUSES[n] ?? 'unassigned'} (${n})`;

/** Checks every expectation of a step; each assertion names the field, expected and actual. */
export function checkStep(e: StepExpect | undefined, o: StepOutcome): BenchAssertion[] {
  const out: BenchAssertion[] = [];
  if (!e) return out;
  const got = o.status ?? 'no reply';
  if (e.status !== undefined) {
    const ok = checkExpectation({ status: e.status, attributes: [] }, o)[0]?.ok ?? false;
    out.push({ field: 'status', expected: e.status, actual: got, ok });
  }
  if (e.serverMsg !== undefined) {
    const m = typeof e.serverMsg === 'string' ? { equals: e.serverMsg } : e.serverMsg;
    const [expected, ok] = match(m, [o.serverMsg]);
    out.push({ field: 'server message', expected, actual: JSON.stringify(o.serverMsg), ok });
  }
  for (const a of e.attributes ?? []) out.push(checkAttribute(a, o.attributes));
  if (e.maxLatencyMs !== undefined)
    out.push({
      field: 'latency',
      expected: `≤ ${e.maxLatencyMs} ms`,
      actual: `${o.latencyMs.toFixed(1)} ms`,
      ok: o.status !== undefined && o.latencyMs <= e.maxLatencyMs,
    });
  if (e.errorCause !== undefined) {
    const want = causeNumber(e.errorCause);
    const values = o.attributes.filter(([n]) => n.toLowerCase() === 'error-cause').map(([, v]) => v);
    const have = values.map((v) => causeNumber(v));
    out.push({
      field: 'Error-Cause',
      expected: causeText(want, String(e.errorCause)),
      actual: values.length ? values.map((v, i) => causeText(have[i], v)).join(', ') : 'absent',
      ok: want !== undefined && have.includes(want),
    });
  }
  return out;
}

type AttrExpect = NonNullable<StepExpect['attributes']>[number];

function checkAttribute(a: AttrExpect, attrs: StepOutcome['attributes']): BenchAssertion {
  const spec: { name: string; equals?: string; contains?: string; regex?: string; absent?: true } =
    typeof a === 'string'
      ? (() => {
          const [name, equals] = splitPair(a) ?? [a, ''];
          return { name, equals };
        })()
      : a;
  const values = attrs.filter(([n]) => n.toLowerCase() === spec.name.toLowerCase()).map(([, v]) => v);
  const actual = values.length ? values.map((v) => JSON.stringify(v)).join(', ') : 'absent';
  const field = `attribute ${spec.name}`;
  if (spec.absent) return { field, expected: 'absent', actual, ok: values.length === 0 };
  const [expected, ok] = match(spec, values);
  return { field, expected, actual, ok };
}

/** equals / contains / regex against any of the values; "present" when none is given. */
function match(
  m: { equals?: string; contains?: string; regex?: string },
  values: string[],
): [string, boolean] {
  if (m.equals !== undefined)
    return [JSON.stringify(m.equals), values.some((v) => valueMatches(m.equals!, v))];
  if (m.contains !== undefined)
    return [`contains ${JSON.stringify(m.contains)}`, values.some((v) => v.includes(m.contains!))];
  if (m.regex !== undefined) {
    const re = new RegExp(m.regex);
    return [`matches /${m.regex}/`, values.some((v) => re.test(v))];
  }
  return ['present', values.length > 0];
}
