import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../contract/dispatch';
import { webConsoleHandlers } from './procedures';

describe('webConsole.signIn outside the desktop app', () => {
  it('answers unavailable and points at /admin/login', async () => {
    const env = await dispatch(webConsoleHandlers() as Handlers, 'webConsole.signIn', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(env)).toContain('/admin/login');
  });
});
