import { isMap, isScalar, type Document } from 'yaml';
import type { SettingsSet } from '../../../contract/settings';
import { fieldError } from './entities';
import { syncKey, type Plain } from './yaml-sync';

/** settings.set after its input is parsed, with the admin password already hashed (bcrypt). */
export type SettingsEdit = Omit<SettingsSet, 'admin'> & {
  admin?: { username: string; passwordHash?: string } | null;
};

/** Applies the Settings screen's changes to the lab document; what is left out stays as it is. */
export function setSettings(doc: Document, s: SettingsEdit): void {
  if (s.trace?.ringSize !== undefined) doc.setIn(['trace', 'ringSize'], s.trace.ringSize);
  if (s.trace?.showSecrets !== undefined) doc.setIn(['trace', 'showSecrets'], s.trace.showSecrets);
  if (s.accounting?.retentionDays !== undefined)
    doc.setIn(['accounting', 'retentionDays'], s.accounting.retentionDays);
  if (s.admin === null) doc.deleteIn(['web', 'admin']);
  else if (s.admin) setAdmin(doc, s.admin);
  if (s.openid === null) doc.deleteIn(['web', 'openid']);
  else if (s.openid) setOpenid(doc, s.openid);
}

function setAdmin(doc: Document, a: { username: string; passwordHash?: string }): void {
  const cur = doc.getIn(['web', 'admin'], true);
  if (!isMap(cur)) {
    if (!a.passwordHash) throw fieldError('admin.password', 'is required to turn the admin login on');
    doc.setIn(['web', 'admin'], doc.createNode({ username: a.username, passwordHash: a.passwordHash }));
    return;
  }
  syncKey(doc, cur, 'username', a.username);
  if (!a.passwordHash) return;
  syncKey(doc, cur, 'passwordHash', a.passwordHash);
  // A note beside the old hash (which password it was) no longer holds.
  const hash = cur.get('passwordHash', true);
  if (isScalar(hash)) hash.comment = undefined;
}

function setOpenid(doc: Document, o: NonNullable<SettingsSet['openid']>): void {
  const fields: Array<[string, Plain | undefined]> = [
    ['issuerUrl', o.issuerUrl],
    ['clientId', o.clientId],
    ['redirectUri', o.redirectUri],
    ['allowedGroups', o.allowedGroups?.length ? o.allowedGroups : undefined],
    ['allowedEmailDomains', o.allowedEmailDomains?.length ? o.allowedEmailDomains : undefined],
  ];
  const cur = doc.getIn(['web', 'openid'], true);
  if (!isMap(cur)) {
    const obj: Record<string, Plain> = {};
    for (const [k, v] of fields) if (v !== undefined) obj[k] = v;
    if (o.clientSecret) obj.clientSecret = o.clientSecret;
    doc.setIn(['web', 'openid'], doc.createNode(obj));
    return;
  }
  for (const [k, v] of fields) syncKey(doc, cur, k, v);
  // Left out keeps the current secret; null removes it (a public client).
  if (o.clientSecret !== undefined) syncKey(doc, cur, 'clientSecret', o.clientSecret ?? undefined);
}
