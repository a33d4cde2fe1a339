import { useState } from 'react';
import { labApi } from '../../api';
import { Note } from '../../components/panel';
import { useAction } from '../../components/use-action';

/**
 * Desktop only: signs the system browser in to the embedded web listener (webConsole.signIn opens
 * the OpenID provider there, with a loopback redirect). The window itself never needs a login.
 */
export function WebConsoleSignIn() {
  const { busy, error, run } = useAction();
  const [email, setEmail] = useState<string>();

  const signIn = () => {
    setEmail(undefined);
    return run(async () => setEmail((await labApi.webConsole.signIn({})).email));
  };

  return (
    <div data-testid="web-console-sign-in" style={{ display: 'grid', gap: 8 }}>
      <p className="meta">
        Opens your browser at the OpenID provider; after you sign in there, the browser holds an admin session
        of this app&apos;s web console.
      </p>
      <div>
        <button className="btn" type="button" onClick={() => void signIn()} disabled={busy}>
          {busy ? 'Waiting for the browser…' : 'Sign in to the web console'}
        </button>
      </div>
      {email && (
        <Note tone="info" title="Signed in">
          The browser is signed in to the web console as {email}.
        </Note>
      )}
      {error && (
        <Note tone="bad" title="webConsole.signIn failed">
          {error}
        </Note>
      )}
    </div>
  );
}
