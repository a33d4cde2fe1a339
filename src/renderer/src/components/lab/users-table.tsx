import type { LabStatus } from '../../../../contract';
import { Badge } from '../panel';
import { TotpEnrol } from './totp-enrol';

type User = LabStatus['users'][number];

/** `onEdit` adds an Edit button to each row (the Users & groups editor). */
export function UsersTable({ users, onEdit }: { users: readonly User[]; onEdit?(username: string): void }) {
  if (users.length === 0) return <div className="empty">No local users.</div>;
  return (
    <table className="grid" data-testid="users">
      <thead>
        <tr>
          <th>User</th>
          <th>Groups</th>
          <th>Password</th>
          <th>Enable</th>
          <th>Second factor</th>
          <th>State</th>
          {onEdit && <th aria-label="Actions" />}
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.username}>
            <td>{u.username}</td>
            <td>
              {u.groups.map((g) => (
                <span key={g} className="tag">
                  {g}
                </span>
              ))}
            </td>
            <td>{u.hasPassword ? 'set' : <span className="meta">none</span>}</td>
            <td>{u.hasEnable ? 'set' : <span className="meta">none</span>}</td>
            <td>{u.hasTotp ? <TotpEnrol username={u.username} /> : <span className="meta">none</span>}</td>
            <td>{u.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
            {onEdit && (
              <td>
                <button
                  type="button"
                  className="btn small"
                  aria-label={`Edit user ${u.username}`}
                  data-testid="user-edit"
                  onClick={() => onEdit(u.username)}
                >
                  Edit
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
