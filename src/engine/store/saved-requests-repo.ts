import type { Db } from './database';

export type SavedKind = 'tacacs' | 'radius' | 'eap';

/** Request fields that hold secrets: stripped from listings, kept in the row. */
export const SECRET_FIELDS = ['secret', 'password', 'key'] as const;

export interface SavedRequest {
  id: number;
  kind: SavedKind;
  name: string;
  savedAt: number;
  request: Record<string, unknown>;
}

export interface SavedRequestListing extends SavedRequest {
  /** Which secret fields the stored request has (shown as "saved", never their values). */
  secrets: string[];
}

interface Row {
  id: number;
  kind: SavedKind;
  name: string;
  request: string;
  saved_at: number;
}

/**
 * The Test client's saved requests. Secrets (shared secret, password, EAP-TLS client key) are stored as given: this is a
 * lab tool and the lab file beside the data dir holds the same secrets in clear. They leave the store
 * only through `get` (the user loads one request to send it); `list` strips them, so a listing that
 * is rendered, logged or exported never carries one.
 */
export class SavedRequestsRepo {
  constructor(private readonly db: Db) {}

  /** Saves under (kind, name); saving the same name again replaces it and keeps its id. */
  save(kind: SavedKind, name: string, request: Record<string, unknown>, now = Date.now()): SavedRequest {
    const row = this.db
      .prepare(
        `INSERT INTO saved_requests (kind, name, request, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, name) DO UPDATE SET request = excluded.request, saved_at = excluded.saved_at
         RETURNING *`,
      )
      .get(kind, name, JSON.stringify(request), now) as Row;
    return fromRow(row);
  }

  list(kind?: SavedKind): SavedRequestListing[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM saved_requests WHERE kind = ? ORDER BY name').all(kind)
        : this.db.prepare('SELECT * FROM saved_requests ORDER BY kind, name').all()
    ) as Row[];
    return rows.map((r) => masked(fromRow(r)));
  }

  /** The whole request, secrets included: only for loading it into the client to send. */
  get(id: number): SavedRequest | undefined {
    const row = this.db.prepare('SELECT * FROM saved_requests WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM saved_requests WHERE id = ?').run(id).changes > 0;
  }
}

export function masked(s: SavedRequest): SavedRequestListing {
  const request = { ...s.request };
  const secrets: string[] = [];
  for (const f of SECRET_FIELDS) {
    if (request[f] !== undefined && request[f] !== '') secrets.push(f);
    delete request[f];
  }
  return { ...s, request, secrets };
}

function fromRow(r: Row): SavedRequest {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    savedAt: r.saved_at,
    request: JSON.parse(r.request) as Record<string, unknown>,
  };
}
