import { Placeholder, ScreenHead } from '../../components/panel';

export function SessionsScreen() {
  return (
    <div className="screen" data-testid="screen-sessions">
      <ScreenHead title="Live sessions" />
      <Placeholder title="Live sessions" arrivesWith="sessions.list and the session.updated event">
        <ul>
          <li>TACACS+ connections: peer, device, single-connect, sessions multiplexed, idle time.</li>
          <li>Accounting sessions (start → interim → stop): user, NAS port, duration, bytes.</li>
          <li>Disconnect / CoA for RADIUS sessions, pre-filled from the session&apos;s attributes.</li>
        </ul>
      </Placeholder>
    </div>
  );
}
