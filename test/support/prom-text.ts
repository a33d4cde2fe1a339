/**
 * A strict parser for the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format), written for
 * tests because prom-client ships no parser. It throws on anything a Prometheus server would refuse
 * and on the rules scrapers rely on: TYPE before samples, one HELP/TYPE per family, families
 * contiguous, no duplicate series, histogram buckets cumulative with `+Inf` equal to `_count`.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface Family {
  name: string;
  help?: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'] as const;

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const seriesSeen = new Set<string>();
  const closed = new Set<string>();
  const typedSeen = new Set<string>();
  let current: string | undefined;
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) return; // other comments are allowed
      const [, kind, name, rest = ''] = m as unknown as [string, 'HELP' | 'TYPE', string, string?];
      if (!METRIC.test(name)) throw new Error(`${where}: bad metric name`);
      const fam = enter(name, where);
      if (kind === 'HELP') {
        if (fam.help !== undefined) throw new Error(`${where}: second HELP for ${name}`);
        fam.help = unescapeHelp(rest, where);
      } else {
        if (!(TYPES as readonly string[]).includes(rest)) throw new Error(`${where}: unknown type ${rest}`);
        if (fam.samples.length) throw new Error(`${where}: TYPE after samples of ${name}`);
        if (typedSeen.has(name)) throw new Error(`${where}: second TYPE for ${name}`);
        typedSeen.add(name);
        fam.type = rest as Family['type'];
      }
      return;
    }
    const s = parseSample(line, where);
    const fam = familyOf(s.name);
    if (!fam) throw new Error(`${where}: sample without a TYPE line`);
    enter(fam.name, where);
    const key = s.name + JSON.stringify(Object.entries(s.labels).sort());
    if (seriesSeen.has(key)) throw new Error(`${where}: duplicate series`);
    seriesSeen.add(key);
    fam.samples.push(s);
  });
  for (const fam of families.values()) if (fam.type === 'histogram') checkHistogram(fam);
  return families;

  function enter(name: string, where: string): Family {
    if (current !== name) {
      if (closed.has(name)) throw new Error(`${where}: family ${name} is not contiguous`);
      if (current) closed.add(current);
      current = name;
    }
    let fam = families.get(name);
    if (!fam) families.set(name, (fam = { name, type: 'untyped', samples: [] }));
    return fam;
  }

  function familyOf(sample: string): Family | undefined {
    const direct = families.get(sample);
    if (direct) return direct;
    const base = sample.replace(/_(bucket|sum|count)$/, '');
    const f = families.get(base);
    return f && (f.type === 'histogram' || f.type === 'summary') ? f : undefined;
  }
}

function unescapeHelp(s: string, where: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    throw new Error(`${where}: bad escape \\${c} in HELP`);
  });
}

function parseSample(line: string, where: string): Sample {
  let i = 0;
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) throw new Error(`${where}: bad metric name`);
  const name = nameMatch[0];
  i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const lm = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(i));
      if (!lm || !LABEL.test(lm[1]!)) throw new Error(`${where}: bad label at column ${i + 1}`);
      i += lm[0].length;
      let value = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) throw new Error(`${where}: unterminated label value`);
        if (c === '"') break;
        if (c === '\\') {
          const e = line[i + 1];
          if (e === '\\' || e === '"') value += e;
          else if (e === 'n') value += '\n';
          else throw new Error(`${where}: bad escape in label value`);
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      if (lm[1]! in labels) throw new Error(`${where}: repeated label ${lm[1]}`);
      labels[lm[1]!] = value;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') throw new Error(`${where}: expected , or } at column ${i + 1}`);
    }
    i++;
  }
  const rest = line.slice(i);
  const m = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (!m) throw new Error(`${where}: expected " value [timestamp]"`);
  const value = parseValue(m[1]!, where);
  return { name, labels, value, ...(m[2] ? { timestamp: Number(m[2]) } : {}) };
}

function parseValue(v: string, where: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (v === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) throw new Error(`${where}: bad value ${v}`);
  return Number(v);
}

function checkHistogram(fam: Family): void {
  const groups = new Map<string, Sample[]>();
  for (const s of fam.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const g = groups.get(key) ?? [];
    g.push(s);
    groups.set(key, g);
  }
  for (const [key, g] of groups) {
    const buckets = g.filter((s) => s.name === `${fam.name}_bucket`);
    const count = g.find((s) => s.name === `${fam.name}_count`);
    if (!count || !g.some((s) => s.name === `${fam.name}_sum`))
      throw new Error(`${fam.name}${key}: histogram without _sum/_count`);
    let prev = -Infinity;
    let last = 0;
    let prevLe = -Infinity;
    for (const b of buckets) {
      const le = b.labels.le;
      if (le === undefined) throw new Error(`${fam.name}: bucket without le`);
      const bound = parseValue(le, fam.name);
      if (bound <= prevLe) throw new Error(`${fam.name}: buckets not in increasing le order`);
      prevLe = bound;
      if (b.value < prev) throw new Error(`${fam.name}: buckets not cumulative`);
      prev = last = b.value;
    }
    if (buckets.at(-1)?.labels.le !== '+Inf') throw new Error(`${fam.name}: no +Inf bucket`);
    if (last !== count.value) throw new Error(`${fam.name}: +Inf bucket ${last} != _count ${count.value}`);
  }
}
