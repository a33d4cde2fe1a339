import { Panel, ScreenHead } from '../../components/panel';
import { useApp } from '../../store';
import { GroupsList } from '../../components/lab/groups-list';
import { UsersTable } from '../../components/lab/users-table';
import { WhyBox } from '../../components/lab/why-box';

export function UsersGroupsScreen() {
  const users = useApp((s) => s.status?.users ?? []);
  const groups = useApp((s) => s.status?.groups ?? []);
  return (
    <div className="screen" data-testid="screen-users">
      <ScreenHead title="Users & groups" />
      <div className="cols-2">
        <Panel title="Local users" count={users.length} flush>
          <UsersTable users={users} />
        </Panel>
        <Panel title="Why denied? — test the policy">
          <WhyBox />
        </Panel>
      </div>
      <Panel title="Groups and command rules" count={groups.length} flush>
        <GroupsList groups={groups} />
      </Panel>
    </div>
  );
}
