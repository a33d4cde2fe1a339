import type { HandlersOf } from '../../../contract/dispatch';
import { LabError } from '../../../contract/envelope';
import type { webConsoleProcedures } from '../../../contract/web-console';

/**
 * webConsole.signIn needs a system browser to open, which only the desktop host has: src/main
 * replaces this handler with one that runs the loopback OpenID login. Everywhere else it says so.
 */
export function webConsoleHandlers(): HandlersOf<typeof webConsoleProcedures> {
  return {
    'webConsole.signIn': async () => {
      throw new LabError(
        'unavailable',
        'signing in to the web console from here needs the desktop app; in a browser, sign in at /admin/login',
      );
    },
  };
}
