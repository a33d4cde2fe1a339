import {
  AndFilter,
  EqualityFilter,
  FilterParser,
  SizeLimitExceededError,
  type Client,
  type Entry,
  type Filter,
} from 'ldapts';
import type { BackendConfig } from '../config/schema';
import { firstRdnValue } from './group-map';

export type LdapConfig = Extract<BackendConfig, { type: 'ldap' }>;

export interface DirectoryUser {
  dn: string;
  /** The value of userAttribute on the entry (memberUid groups list this, not the DN). */
  id: string;
  memberOf: string[];
}

export type UserSearch = { found: DirectoryUser } | { found: undefined; count: number };

/** Thrown when the user's entry is not unique: a directory problem the lab must not guess around. */
export class AmbiguousUser extends Error {
  constructor(readonly count: number | 'many') {
    super(`${count} entries match`);
    this.name = 'AmbiguousUser';
  }
}

function values(entry: Entry, attr: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attr.toLowerCase());
  const v = key === undefined ? undefined : entry[key];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : x));
}

/**
 * The searches an LDAP login needs. Filters are built from ldapts Filter objects only: the username
 * goes into an EqualityFilter value, which is BER-encoded as an assertion value (RFC 4511 §4.5.1.7),
 * so "*", "(" or "\" in a username can never change the filter's meaning.
 */
export class DirectoryQueries {
  readonly #userFilter?: Filter;
  readonly memberAttribute: string;

  constructor(readonly cfg: LdapConfig) {
    // userFilter comes from the lab file (trusted, written by the lab's owner), never from a request.
    this.#userFilter = cfg.userFilter ? FilterParser.parseString(cfg.userFilter) : undefined;
    this.memberAttribute = cfg.groupMemberAttribute ?? defaultMemberAttribute(cfg.groupObjectClass);
  }

  describeUserSearch(username: string): string {
    return `${this.cfg.userAttribute}=${username} under ${this.cfg.userBase}`;
  }

  async findUser(client: Client, username: string): Promise<UserSearch> {
    const byName = new EqualityFilter({ attribute: this.cfg.userAttribute, value: username });
    const filter = this.#userFilter ? new AndFilter({ filters: [this.#userFilter, byName] }) : byName;
    const attributes = [this.cfg.userAttribute];
    if (this.cfg.useMemberOf) attributes.push('memberOf');
    let entries: Entry[];
    try {
      ({ searchEntries: entries } = await client.search(this.cfg.userBase, {
        scope: 'sub',
        filter,
        attributes,
        sizeLimit: 2,
      }));
    } catch (e) {
      if (e instanceof SizeLimitExceededError) throw new AmbiguousUser('many');
      throw e;
    }
    if (entries.length > 1) throw new AmbiguousUser(entries.length);
    const entry = entries[0];
    if (!entry) return { found: undefined, count: 0 };
    return {
      found: {
        dn: entry.dn,
        id: values(entry, this.cfg.userAttribute)[0] ?? username,
        memberOf: values(entry, 'memberOf'),
      },
    };
  }

  /** Group names (cn) from a group search under groupBase; undefined when no groupBase is set. */
  async groupSearch(client: Client, user: DirectoryUser): Promise<string[] | undefined> {
    if (!this.cfg.groupBase) return undefined;
    const memberValue = this.memberAttribute.toLowerCase() === 'memberuid' ? user.id : user.dn;
    const filter = new AndFilter({
      filters: [
        new EqualityFilter({ attribute: 'objectClass', value: this.cfg.groupObjectClass }),
        new EqualityFilter({ attribute: this.memberAttribute, value: memberValue }),
      ],
    });
    const { searchEntries } = await client.search(this.cfg.groupBase, {
      scope: 'sub',
      filter,
      attributes: ['cn'],
    });
    return searchEntries.map((e) => values(e, 'cn')[0] ?? firstRdnValue(e.dn) ?? e.dn);
  }

  describeGroupSearch(): string {
    return `${this.cfg.groupObjectClass}/${this.memberAttribute} under ${this.cfg.groupBase ?? '(none)'}`;
  }
}

/** member for groupOfNames (RFC 4519 §2.17), uniqueMember for groupOfUniqueNames, memberUid for posixGroup (RFC 2307). */
export function defaultMemberAttribute(objectClass: string): string {
  const oc = objectClass.toLowerCase();
  if (oc === 'posixgroup') return 'memberUid';
  if (oc === 'groupofuniquenames') return 'uniqueMember';
  return 'member';
}

/** memberOf values are group DNs: take the cn of each (or the whole DN when its first RDN is not cn). */
export function memberOfNames(dns: readonly string[]): string[] {
  return dns.map((dn) => firstRdnValue(dn) ?? dn);
}
