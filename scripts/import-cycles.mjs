#!/usr/bin/env node
// `node scripts/import-cycles.mjs [dir]`: fails (exit 1) when the relative imports of the .ts/.tsx
// files under dir (default src; tests excluded) form a cycle. Type-only imports count: a type cycle
// still ties the modules' meaning together. ESLint's import-x/no-cycle skips them, hence this check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g;
const isSource = (f) => /\.tsx?$/.test(f) && !/\.(test|spec)\.tsx?$/.test(f) && !f.endsWith('.d.ts');

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (isSource(e.name)) yield p;
  }
}

const files = new Set(walk(root));
function target(from, spec) {
  const base = normalize(join(dirname(from), spec));
  const js = base.replace(/\.js$/, '');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  candidates.push(`${js}.ts`, `${js}.tsx`);
  return candidates.find((c) => files.has(c) && existsSync(c));
}

const graph = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(IMPORT)) {
    const t = target(f, m[1] ?? m[2]);
    if (t) deps.add(t);
  }
  graph.set(f, deps);
}

// Tarjan's strongly connected components, iteratively (deep graphs would overflow the stack).
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
for (const start of graph.keys()) {
  if (index.has(start)) continue;
  const work = [[start, [...graph.get(start)], 0]];
  index.set(start, counter);
  low.set(start, counter++);
  stack.push(start);
  onStack.add(start);
  while (work.length) {
    const frame = work.at(-1);
    const [v, deps] = frame;
    if (frame[2] < deps.length) {
      const w = deps[frame[2]++];
      if (!index.has(w)) {
        index.set(w, counter);
        low.set(w, counter++);
        stack.push(w);
        onStack.add(w);
        work.push([w, [...graph.get(w)], 0]);
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
      continue;
    }
    work.pop();
    if (work.length) low.set(work.at(-1)[0], Math.min(low.get(work.at(-1)[0]), low.get(v)));
    if (low.get(v) !== index.get(v)) continue;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(relative(root, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}

for (const c of cycles) console.log(`cycle: ${c.join(' ')}`);
console.log(`${cycles.length} import cycles among ${files.size} files under ${relative('.', root) || '.'}`);
process.exit(cycles.length ? 1 : 0);
