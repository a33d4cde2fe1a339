import { useState } from 'react';
import { Panel, ScreenHead } from '../../components/panel';
import { useApp } from '../../store';
import { GroupsList } from '../../components/lab/groups-list';
import { UsersTable } from '../../components/lab/users-table';
import { WhyBox } from '../../components/lab/why-box';
import { GroupEditor } from './group-editor';
import { UserEditor } from './user-editor';

/** What is open in an editor: a user or group by its current name, or a new one. */
type Editing = { kind: 'user' | 'group'; original?: string } | undefined;

export function UsersGroupsScreen() {
  const users = useApp((s) => s.status?.users ?? []);
  const groups = useApp((s) => s.status?.groups ?? []);
  const [editing, setEditing] = useState<Editing>();
  const close = () => setEditing(undefined);
  return (
    <div className="screen" data-testid="screen-users">
      <ScreenHead title="Users & groups" />
      {editing?.kind === 'user' && (
        <UserEditor
          key={`user-editor:${editing.original ?? ''}`}
          original={editing.original}
          onDone={close}
        />
      )}
      <div className="cols-2">
        <Panel
          title="Local users"
          count={users.length}
          flush
          actions={
            <button className="btn small" data-testid="user-add" onClick={() => setEditing({ kind: 'user' })}>
              Add user
            </button>
          }
        >
          <UsersTable users={users} onEdit={(original) => setEditing({ kind: 'user', original })} />
        </Panel>
        <Panel title="Why denied? — test the policy">
          <WhyBox />
        </Panel>
      </div>
      {editing?.kind === 'group' && (
        <GroupEditor
          key={`group-editor:${editing.original ?? ''}`}
          original={editing.original}
          onDone={close}
        />
      )}
      <Panel
        title="Groups and command rules"
        count={groups.length}
        flush
        actions={
          <button className="btn small" data-testid="group-add" onClick={() => setEditing({ kind: 'group' })}>
            Add group
          </button>
        }
      >
        <GroupsList groups={groups} onEdit={(original) => setEditing({ kind: 'group', original })} />
      </Panel>
      <div className="meta">
        Changes are saved to the lab file (comments kept) and take effect at once; the{' '}
        <a href="#/config">Config editor</a> shows the whole file.
      </div>
    </div>
  );
}
