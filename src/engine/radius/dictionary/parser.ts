import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Dictionary } from './dictionary';
import { ATTR_TYPES, type AttrDef, type AttrType, type DictionaryWarning, type VendorDef } from './types';

/**
 * FreeRADIUS-format dictionary reader: $INCLUDE, VENDOR (format=), BEGIN-/END-VENDOR, BEGIN-/END-TLV,
 * ATTRIBUTE (flags has_tag, encrypt=N; dotted RFC 6929 numbers), VALUE. A line it cannot use is
 * reported with file:line and skipped; nothing here throws on bad input.
 */

export interface LoadResult {
  dictionary: Dictionary;
  warnings: DictionaryWarning[];
  files: string[];
}

interface State {
  dict: Dictionary;
  warnings: DictionaryWarning[];
  files: string[];
  seen: Set<string>;
  pendingValues: Array<{ attr: string; name: string; value: number; file: string; line: number }>;
}

interface FileCtx {
  file: string;
  vendor?: VendorDef;
  /** Key prefix of the vendor space: "26.9" or "241.26.9" for `format=Extended-Vendor-Specific-1`. */
  vendorPrefix?: string;
  extended?: number;
  tlv: AttrDef[];
}

const TYPES = new Set<string>(ATTR_TYPES);
const IGNORED_FLAGS = new Set(['array', 'concat', 'virtual', 'internal', 'long', 'secret']);

/** Loads files or directories (a directory means its `dictionary` file, else every dictionary.* in it). */
export function loadDictionaries(paths: readonly string[], into = new Dictionary()): LoadResult {
  const st: State = { dict: into, warnings: [], files: [], seen: new Set(), pendingValues: [] };
  for (const p of paths) loadPath(st, resolve(p), { file: p, line: 0 });
  for (const v of st.pendingValues) {
    const def = st.dict.byName(v.attr);
    if (def) addValue(def, v.name, v.value);
    else st.warnings.push({ file: v.file, line: v.line, message: `VALUE for unknown attribute ${v.attr}` });
  }
  return { dictionary: st.dict, warnings: st.warnings, files: st.files };
}

/** Parses dictionary text that is not on disk (tests, inline definitions). $INCLUDE resolves against baseDir. */
export function parseDictionaryText(
  text: string,
  name = 'inline',
  baseDir = process.cwd(),
  into = new Dictionary(),
): LoadResult {
  const st: State = { dict: into, warnings: [], files: [], seen: new Set(), pendingValues: [] };
  parseText(st, text, join(baseDir, name));
  for (const v of st.pendingValues) {
    const def = st.dict.byName(v.attr);
    if (def) addValue(def, v.name, v.value);
    else st.warnings.push({ file: v.file, line: v.line, message: `VALUE for unknown attribute ${v.attr}` });
  }
  return { dictionary: st.dict, warnings: st.warnings, files: st.files };
}

function loadPath(st: State, path: string, from: { file: string; line: number }, optional = false): void {
  if (!existsSync(path)) {
    if (!optional) st.warnings.push({ ...from, message: `dictionary not found: ${path}` });
    return;
  }
  if (statSync(path).isDirectory()) {
    const main = join(path, 'dictionary');
    if (existsSync(main)) return loadPath(st, main, from);
    for (const f of readdirSync(path)
      .filter((n) => n.startsWith('dictionary'))
      .sort())
      loadPath(st, join(path, f), from);
    return;
  }
  if (st.seen.has(path)) return; // an include cycle or a repeated include: load once
  st.seen.add(path);
  st.files.push(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    st.warnings.push({ ...from, message: `cannot read ${path}: ${(e as Error).message}` });
    return;
  }
  parseText(st, text, path);
}

function parseText(st: State, text: string, file: string): void {
  const ctx: FileCtx = { file, tlv: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const warn = (message: string): void => void st.warnings.push({ file, line: i + 1, message });
    try {
      parseLine(st, ctx, line.split(/\s+/), warn, i + 1);
    } catch (e) {
      warn(`skipped: ${(e as Error).message}`);
    }
  }
  if (ctx.vendor)
    st.warnings.push({
      file,
      line: lines.length,
      message: `BEGIN-VENDOR ${ctx.vendor.name} without END-VENDOR`,
    });
}

function parseLine(st: State, ctx: FileCtx, f: string[], warn: (m: string) => void, line: number): void {
  const kw = f[0]!;
  switch (kw) {
    case '$INCLUDE':
    case '$INCLUDE-': {
      if (!f[1]) return warn('$INCLUDE without a file name');
      const target = isAbsolute(f[1]) ? f[1] : join(dirname(ctx.file), f[1]);
      return loadPath(st, target, { file: ctx.file, line }, kw === '$INCLUDE-');
    }
    case 'VENDOR':
      return parseVendor(st, f, warn);
    case 'BEGIN-VENDOR':
      return beginVendor(st, ctx, f, warn);
    case 'END-VENDOR':
      if (!ctx.vendor) return warn('END-VENDOR without BEGIN-VENDOR');
      ctx.vendor = undefined;
      ctx.vendorPrefix = undefined;
      return;
    case 'BEGIN-TLV': {
      const def = f[1] ? st.dict.byName(f[1]) : undefined;
      if (!def || def.type !== 'tlv') return warn(`BEGIN-TLV ${f[1] ?? ''}: not a tlv attribute`);
      ctx.tlv.push(def);
      return;
    }
    case 'END-TLV':
      if (!ctx.tlv.pop()) warn('END-TLV without BEGIN-TLV');
      return;
    case 'ATTRIBUTE':
      return parseAttribute(st, ctx, f, warn);
    case 'VALUE':
      return parseValue(st, ctx, f, warn, line);
    default:
      return warn(`unknown keyword ${kw}`);
  }
}

function parseVendor(st: State, f: string[], warn: (m: string) => void): void {
  const [, name, num, format] = f;
  const id = num !== undefined ? parseNumber(num) : undefined;
  if (!name || id === undefined || id < 0 || id > 0xffffff)
    return warn('VENDOR needs a name and a number (0..16777215)');
  const v: VendorDef = { id, name, typeLength: 1, lengthLength: 1, continuation: false };
  if (format) {
    const m = /^format=([124]),([012])(,c)?$/.exec(format);
    if (!m) return warn(`VENDOR ${name}: unsupported ${format}`);
    v.typeLength = Number(m[1]) as 1 | 2 | 4;
    v.lengthLength = Number(m[2]) as 0 | 1 | 2;
    v.continuation = m[3] !== undefined;
  }
  st.dict.addVendor(v);
}

function beginVendor(st: State, ctx: FileCtx, f: string[], warn: (m: string) => void): void {
  const v = f[1] ? st.dict.vendorByName(f[1]) : undefined;
  if (!v) return warn(`BEGIN-VENDOR ${f[1] ?? ''}: unknown vendor`);
  ctx.vendor = v;
  ctx.vendorPrefix = `26.${v.id}`;
  const fmt = f[2] ? /^format=(.+)$/.exec(f[2]) : null;
  if (fmt) {
    // RFC 6929 §4.4: vendor attributes carried inside an Extended-Vendor-Specific container.
    const parent = st.dict.byName(fmt[1]!);
    if (!parent || parent.type !== 'evs')
      return warn(`BEGIN-VENDOR ${v.name}: ${fmt[1]} is not an evs attribute`);
    ctx.vendorPrefix = `${parent.key}.${v.id}`;
  }
}

function parseAttribute(st: State, ctx: FileCtx, f: string[], warn: (m: string) => void): void {
  const [, name, num, rawType, flagText] = f;
  if (!name || !num || !rawType) return warn('ATTRIBUTE needs a name, a number and a type');
  const tm = /^([a-z0-9-]+)(?:\[(\d+)\])?$/i.exec(rawType);
  const type = tm?.[1]?.toLowerCase();
  if (!type || !TYPES.has(type)) return warn(`ATTRIBUTE ${name}: unsupported type ${rawType}`);
  const parts = num.split('.').map(parseNumber);
  if (parts.some((p) => p === undefined || p < 0)) return warn(`ATTRIBUTE ${name}: bad number ${num}`);
  const nums = parts as number[];
  let vendor = ctx.vendor;
  let prefix = ctx.vendorPrefix;
  let encrypt: AttrDef['encrypt'] = 0;
  let hasTag = false;
  for (const flag of flagText ? flagText.split(',') : []) {
    const em = /^encrypt=([0-3])$/.exec(flag);
    if (em) encrypt = Number(em[1]) as AttrDef['encrypt'];
    else if (flag === 'has_tag') hasTag = true;
    else if (st.dict.vendorByName(flag)) {
      vendor = st.dict.vendorByName(flag); // old syntax: the vendor name in the flags column
      prefix = `26.${vendor!.id}`;
    } else if (!IGNORED_FLAGS.has(flag)) warn(`ATTRIBUTE ${name}: unknown flag ${flag} ignored`);
  }
  const tlvParent = ctx.tlv.at(-1);
  const key = tlvParent ? `${tlvParent.key}.${num}` : prefix ? `${prefix}.${nums.join('.')}` : nums.join('.');
  const keyParts = key.split('.').map(Number);
  const first = keyParts[0]!;
  if (first < 1 || first > 255) return warn(`ATTRIBUTE ${name}: type ${first} out of range 1..255`);
  const extended = first >= 241 && first <= 246 && keyParts.length > 1 ? first : undefined;
  const code = keyParts.at(-1)!;
  if (vendor && prefix && !tlvParent && nums.length === 1) {
    const max = vendor.typeLength === 1 ? 255 : vendor.typeLength === 2 ? 0xffff : 0xffffffff;
    if (code > max)
      return warn(
        `ATTRIBUTE ${name}: ${code} too large for vendor ${vendor.name}'s ${vendor.typeLength}-byte types`,
      );
  } else if (code > 255 && !vendor) return warn(`ATTRIBUTE ${name}: ${code} out of range`);
  if (
    keyParts.length > 1 &&
    !vendor &&
    !extended &&
    !tlvParent &&
    !st.dict.byKey(keyParts.slice(0, -1).join('.'))
  ) {
    return warn(`ATTRIBUTE ${name}: parent of ${key} is not defined`);
  }
  const size = tm?.[2] ? Number(tm[2]) : undefined;
  const vendorId =
    keyParts[0] === 26 ? keyParts[1] : extended && keyParts[1] === 26 ? keyParts[2] : undefined;
  st.dict.addAttribute({
    name: ownCopy(name),
    key,
    code,
    type: type as AttrType,
    vendor: vendorId,
    extended,
    encrypt,
    hasTag,
    size,
    values: new Map(),
    valueNames: new Map(),
    source: ctx.file,
  });
}

/**
 * A copy of `s` that is not a slice of the file's text: V8 cuts names of 13+ characters out of
 * the line as slices (which also keep the whole file alive), and compares a slice with another
 * string through a runtime call; the server compares attribute names on every request
 * (getAvp's "User-Password").
 */
function ownCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function parseValue(st: State, _ctx: FileCtx, f: string[], warn: (m: string) => void, line: number): void {
  const [, attr, name, num] = f;
  const value = num !== undefined ? parseNumber(num) : undefined;
  if (!attr || !name || value === undefined) return warn('VALUE needs an attribute, a name and a number');
  const def = st.dict.byName(attr);
  // FreeRADIUS allows VALUE before its ATTRIBUTE; resolve those at the end.
  if (def) addValue(def, name, value);
  else st.pendingValues.push({ attr, name, value, file: _ctx.file, line });
}

function addValue(def: AttrDef, name: string, value: number): void {
  def.values.set(name, value);
  if (!def.valueNames.has(value)) def.valueNames.set(value, name);
}

/** Decimal or 0x hex (the issue with the `radius` package: it skipped hex numbers). */
export function parseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}
