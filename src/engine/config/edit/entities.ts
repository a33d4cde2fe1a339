import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { LabError } from '../../../contract/envelope';
import type { DeviceEdit, GroupEdit, UserEdit } from '../../../contract/lab-edit';
import { findItem, syncKey, topList, toJs, type Plain } from './yaml-sync';

/** Leave this key as it is in the file (a secret the editor did not change). */
const KEEP = Symbol('keep');
type Field = [key: string, value: Plain | undefined | typeof KEEP];

/** Where the edited item sits in the lab, for turning the schema's errors into the item's fields. */
export type ItemPath = [list: string, index: number];

/** An error about one field of the item being edited. */
export function fieldError(path: string, message: string): LabError {
  return new LabError('invalid_config', `${path}: ${message}`, [{ path, message }]);
}

const secret = (v: string | null | undefined): Plain | undefined | typeof KEEP =>
  v === undefined ? KEEP : (v ?? undefined);

export function upsertDevice(doc: Document, original: string | undefined, d: DeviceEdit): ItemPath {
  return upsert(doc, 'devices', 'name', original, [
    ['name', d.name],
    ['match', d.match],
    ['tacacsSecret', secret(d.tacacsSecret)],
    ['radiusSecret', secret(d.radiusSecret)],
    ['coaSecret', secret(d.coaSecret)],
    ['requireMessageAuthenticator', d.requireMessageAuthenticator],
    ['vendor', d.vendor || undefined],
  ]);
}

export function upsertUser(doc: Document, original: string | undefined, u: UserEdit): ItemPath {
  const groups = u.groups ?? [];
  return upsert(doc, 'users', 'username', original, [
    ['username', u.username],
    ['password', secret(u.password)],
    ['enable', secret(u.enable)],
    ['groups', groups.length ? groups : undefined],
    ['disabled', u.disabled ? true : undefined],
    ['totp', secret(u.totp)],
    ['radiusReply', reply(u.radiusReply)],
  ]);
}

export function upsertGroup(doc: Document, original: string | undefined, g: GroupEdit): ItemPath {
  const commands = (g.commands ?? []).map((r) => ({ [r.action]: r.pattern }));
  const shell = g.tacacsShell ?? {};
  const at = upsert(doc, 'groups', 'name', original, [
    ['name', g.name],
    ['privLvl', g.privLvl ?? 1],
    ['commands', commands.length ? commands : undefined],
    ['tacacsShell', Object.keys(shell).length ? shell : undefined],
    ['radiusReply', reply(g.radiusReply)],
  ]);
  if (original !== undefined && original !== g.name) renameGroupRefs(doc, original, g.name);
  return at;
}

export function removeItem(doc: Document, list: 'devices' | 'users' | 'groups', name: string): void {
  const field = list === 'users' ? 'username' : 'name';
  const seq = doc.get(list, true);
  const i = isSeq(seq) ? findItem(seq, field, name) : -1;
  if (!isSeq(seq) || i < 0) throw notFound(list, name);
  if (list === 'groups') {
    const users = usersOf(doc, name);
    if (users.length)
      throw fieldError(
        'name',
        `group "${name}" is used by ${users.join(', ')}: take it out of their groups first`,
      );
  }
  seq.items.splice(i, 1);
}

function reply(v: Record<string, Plain> | undefined): Plain | undefined | typeof KEEP {
  if (v === undefined) return KEEP;
  return Object.keys(v).length ? v : undefined;
}

function upsert(
  doc: Document,
  list: string,
  field: string,
  original: string | undefined,
  fields: Field[],
): ItemPath {
  const name = String(fields[0]?.[1]);
  const existing = doc.get(list, true);
  const seq = isSeq(existing) ? existing : undefined;
  const at = original === undefined ? -1 : findItem(seq, field, original);
  if (original !== undefined && at < 0) throw notFound(list, original);
  if (name !== original && findItem(seq, field, name) >= 0)
    throw fieldError(field, `"${name}" already exists in ${list}`);
  if (at >= 0) {
    const map = seq!.items[at] as YAMLMap;
    for (const [k, v] of fields) if (v !== KEEP) syncKey(doc, map, k, v);
    return [list, at];
  }
  const obj: Record<string, Plain> = {};
  for (const [k, v] of fields) if (v !== KEEP && v !== undefined) obj[k] = v;
  const target = topList(doc, list);
  target.add(doc.createNode(obj));
  return [list, target.items.length - 1];
}

function notFound(list: string, name: string): LabError {
  return new LabError('not_found', `${list}: "${name}" is not in the lab file`);
}

function usersOf(doc: Document, group: string): string[] {
  const users = doc.get('users', true);
  if (!isSeq(users)) return [];
  return users.items.flatMap((u) => {
    const js = toJs(u) as { username?: string; groups?: string[] } | null;
    return js?.groups?.includes(group) ? [String(js.username)] : [];
  });
}

/** A renamed group keeps its members, MAB entries and directory mappings. */
function renameGroupRefs(doc: Document, from: string, to: string): void {
  const rename = (node: unknown) => {
    if (isScalar(node) && node.value === from) node.value = to;
  };
  for (const u of seqItems(doc.get('users', true))) {
    const groups = isMap(u) ? u.get('groups', true) : undefined;
    if (isSeq(groups)) groups.items.forEach(rename);
  }
  for (const m of seqItems(doc.get('mab', true))) if (isMap(m)) rename(m.get('group', true));
  for (const b of seqItems(doc.get('backends', true))) {
    const map = isMap(b) ? b.get('groupMap', true) : undefined;
    if (isMap(map)) map.items.forEach((p) => rename(p.value));
  }
}

function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
