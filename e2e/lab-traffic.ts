import { listeners, rpc, type Lab } from './fixtures';

/**
 * A little of everything through the lab's own listeners, sent with the test client procedures:
 * TACACS+ authentication (pass and fail), authorization (permit and deny) and accounting; RADIUS
 * Access-Requests (accept and reject), an accounting session Start → Stop, and a CoA. Every screen
 * then has rows, sessions, records and chart data to show.
 */
export async function seedTraffic(lab: Lab): Promise<void> {
  const all = await listeners(lab);
  const port = (service: string) => {
    const l = all.find((x) => x.service === service);
    if (!l) throw new Error(`the fixture lab runs no ${service} listener`);
    return l.port;
  };
  const tacacs = { host: '127.0.0.1', port: port('tacacs'), secret: 'testing123' };
  const radius = (code: string, p: number, more: Record<string, unknown>) =>
    rpc(lab, 'client.radius', { code, host: '127.0.0.1', port: p, secret: 'testing123', ...more });
  await rpc(lab, 'client.tacacs', { ...tacacs, op: 'authenticate', user: 'alice', password: 'alice-pass' });
  await rpc(lab, 'client.tacacs', { ...tacacs, op: 'authenticate', user: 'alice', password: 'wrong' });
  await rpc(lab, 'client.tacacs', {
    ...tacacs,
    op: 'authorize',
    user: 'bob',
    args: ['service=shell', 'cmd=show', 'cmd-arg=version'],
  });
  await rpc(lab, 'client.tacacs', {
    ...tacacs,
    op: 'authorize',
    user: 'bob',
    args: ['service=shell', 'cmd=configure', 'cmd-arg=terminal'],
  });
  await rpc(lab, 'client.tacacs', { ...tacacs, op: 'account', user: 'alice', args: ['cmd=show clock'] });
  await radius('auth', port('radius-auth'), { user: 'alice', password: 'alice-pass' });
  await radius('auth', port('radius-auth'), { user: 'bob', password: 'wrong' });
  const session = 'Acct-Session-Id = "shots-1"\nFramed-IP-Address = 10.9.8.7';
  await radius('acct', port('radius-acct'), { user: 'bob', acctStatus: 'Start', attributes: session });
  await radius('coa', port('coa'), { attributes: 'User-Name = "bob"\nAcct-Session-Id = "shots-1"' });
  await radius('acct', port('radius-acct'), {
    user: 'bob',
    acctStatus: 'Stop',
    attributes: `${session}\nAcct-Session-Time = 61\nAcct-Terminate-Cause = User-Request`,
  });
}
