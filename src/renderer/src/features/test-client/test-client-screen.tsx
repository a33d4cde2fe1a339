import { Placeholder, ScreenHead } from '../../components/panel';

export function TestClientScreen() {
  return (
    <div className="screen" data-testid="screen-client">
      <ScreenHead title="Test client" />
      <Placeholder
        title="TACACS+ and RADIUS test client"
        arrivesWith="the client.* procedures (tacacs and radius)"
      >
        <ul>
          <li>TACACS+ authentication, authorization and accounting against any host.</li>
          <li>RADIUS Access-Request, Accounting, CoA, Disconnect and Status-Server.</li>
          <li>Saved requests and expected-result assertions.</li>
        </ul>
        <p>
          Until then, the policy can be tested with &quot;Why?&quot; on the Lab status screen, and requests
          sent with the
          <code> aaa-lab tacacs …</code> / <code>aaa-lab radius …</code> commands.
        </p>
      </Placeholder>
    </div>
  );
}
