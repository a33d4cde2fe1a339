import type { LabStatus } from '../../../../contract';
import { Badge } from '../panel';

type Group = LabStatus['groups'][number];

/** Each group with its priv-lvl, ordered command rules (first match wins), shell AV pairs and RADIUS reply. */
export function GroupsList({ groups, onEdit }: { groups: readonly Group[]; onEdit?(name: string): void }) {
  if (groups.length === 0) return <div className="empty">No groups.</div>;
  return (
    <div data-testid="groups">
      {groups.map((g) => (
        <div key={g.name} className="group-card" data-group={g.name}>
          <h3>
            {g.name} <Badge tone="neutral">priv-lvl {g.privLvl}</Badge>
            {onEdit && (
              <button
                type="button"
                className="btn small"
                aria-label={`Edit group ${g.name}`}
                data-testid="group-edit"
                onClick={() => onEdit(g.name)}
              >
                Edit
              </button>
            )}
          </h3>
          <dl className="kv">
            <dt>Command rules</dt>
            <dd>
              {g.commands.length === 0 ? (
                <span className="meta">none: every command is denied</span>
              ) : (
                <ol className="rules">
                  {g.commands.map((r, i) => (
                    <li key={i}>
                      <span className="n">{i + 1}</span>
                      <span className={r.action}>{r.action}</span>
                      <span>{r.pattern}</span>
                    </li>
                  ))}
                </ol>
              )}
            </dd>
            <dt>TACACS+ shell AV pairs</dt>
            <dd>
              {Object.entries(g.tacacsShell).length === 0 && <span className="meta">none</span>}
              {Object.entries(g.tacacsShell).map(([k, v]) => (
                <span key={k} className="tag">
                  {k}={v}
                </span>
              ))}
            </dd>
            <dt>RADIUS reply</dt>
            <dd>
              {g.radiusReply.length === 0 && <span className="meta">none</span>}
              {g.radiusReply.map(([k, v], i) => (
                <span key={i} className="tag">
                  {k} = {String(v)}
                </span>
              ))}
            </dd>
          </dl>
        </div>
      ))}
    </div>
  );
}
