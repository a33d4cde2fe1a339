import { randomBytes } from 'node:crypto';
import type { BenchStepResult } from '../../contract/bench';
import { runTacacs } from '../test-client/tacacs-request';
import { stepResult, targetOf, seconds, type Exchange, type RunContext } from './context';
import { NAS_TEMPLATES, type SessionIds } from './nas-templates';
import { attributeText, radiusCall } from './step-radius';
import { runTacacsStep, tacacsExchange } from './step-tacacs';
import type { RadiusNasStep, StepExpect, TacacsNasStep } from './suite-schema';

type Head = { path: string; name: string; kind: string };
type Child = (name: string, x: Exchange, expect?: StepExpect) => BenchStepResult;

function children(path: string, out: BenchStepResult[]): Child {
  return (name, x, expect) => {
    const r = stepResult({ path: `${path}.${out.length + 1}`, name, kind: 'nas' }, x, expect);
    out.push(r);
    return r;
  };
}

/**
 * A TACACS+ device session as a switch plays it (RFC 8907): ASCII login, exec authorization, then
 * per command an authorization and, when permitted, accounting start and stop; logout is the exec
 * accounting stop. A denied command is not run (so not accounted), as on the device.
 */
export async function tacacsNas(ctx: RunContext, s: TacacsNasStep, head: Head): Promise<BenchStepResult[]> {
  const tpl = NAS_TEMPLATES[s.template].tacacs;
  const out: BenchStepResult[] = [];
  const add = children(head.path, out);
  const dialog = [
    ...(tpl.userInStart ? [] : [{ expect: 'GETUSER' as const, send: s.user }]),
    { expect: 'GETPASS' as const, send: s.password ?? '' },
  ];
  const base = {
    target: s.target,
    secret: s.secret,
    timeout: s.timeout,
    user: s.user,
    port: tpl.port,
    remAddr: tpl.remAddr,
  };
  const login = await runTacacsStep(ctx, {
    ...base,
    type: 'tacacs-authenticate',
    method: 'ascii',
    service: 'login',
    dialog,
  });
  const ok = add(`login (ASCII) as ${s.user}`, login, { status: s.login });
  if (s.login === 'fail' || ok.status !== 'pass') return out;
  const t = targetOf(ctx, s.target);
  const send = async (op: 'authorize' | 'account', args: string[], acctFlags: 'start' | 'stop' = 'start') =>
    tacacsExchange(
      await runTacacs(
        {
          op,
          host: t.host,
          port: t.ports.tacacs,
          secret: s.secret ?? t.tacacsSecret,
          tls: t.tls,
          user: s.user,
          type: 'pap',
          service: 'login',
          privLvl: 1,
          remAddr: tpl.remAddr,
          portName: tpl.port,
          args,
          acctFlags,
          singleConnect: false,
          timeoutMs: seconds(s.timeout, 5),
        },
        ctx.trace,
      ),
    );
  const exec = await send('authorize', tpl.exec);
  const execOk = add('exec authorization', exec);
  if (execOk.status !== 'pass') return out;
  // RFC 8907 §8.3: task_id ties a start to its stop.
  let task = Math.floor(Math.random() * 50_000);
  const sessionTask = `task_id=${task++}`;
  add('exec accounting start', await send('account', [sessionTask, ...tpl.exec.filter((a) => a !== 'cmd=')]));
  for (const c of s.commands) {
    const { command, expect } = typeof c === 'string' ? { command: c, expect: 'permit' as const } : c;
    const author = add(`authorize "${command}"`, await send('authorize', tpl.command(command)), {
      status: expect === 'permit' ? 'pass' : 'fail',
    });
    if (expect === 'deny' || author.status !== 'pass') continue;
    const acct = [`task_id=${task++}`, ...tpl.command(command)];
    add(`accounting start "${command}"`, await send('account', acct, 'start'));
    add(`accounting stop "${command}"`, await send('account', acct, 'stop'));
  }
  add(
    'logout (exec accounting stop)',
    await send('account', [sessionTask, ...tpl.exec.filter((a) => a !== 'cmd=')], 'stop'),
  );
  return out;
}

/**
 * A RADIUS session as a switch plays it: Access-Request, Accounting Start, Interim-Updates, an
 * optional CoA or Disconnect against the session (RFC 5176 §3: identified by Acct-Session-Id,
 * Calling-Station-Id and User-Name), then Stop. Every accounting record carries the Class the
 * Access-Accept returned (RFC 2865 §5.25) and the same Acct-Session-Id (RFC 2866 §5.5).
 */
export async function radiusNas(ctx: RunContext, s: RadiusNasStep, head: Head): Promise<BenchStepResult[]> {
  const tpl = NAS_TEMPLATES[s.template].radius;
  const out: BenchStepResult[] = [];
  const add = children(head.path, out);
  const hex = randomBytes(8).toString('hex').toUpperCase();
  const ids: SessionIds = {
    acctSessionId: hex.slice(0, 8),
    mac: `02:00:${hex.slice(8, 16).match(/../g)!.join(':')}`.toLowerCase(),
    auditSessionId: `0A000001${hex}`,
  };
  ctx.vars.set('session_id', ids.acctSessionId);
  const common = { target: s.target, secret: s.secret, timeout: s.timeout, user: s.user };
  const access = await radiusCall(ctx, {
    ...common,
    code: 'auth',
    password: s.password,
    method: s.method,
    attributes: attributeText(tpl.access(ids)),
  });
  const accepted = add(`Access-Request (${s.method.toUpperCase()}) as ${s.user}`, access);
  if (accepted.status !== 'pass') return out;
  const classes = access.outcome.attributes.filter(([n]) => n === 'Class').map(([, v]) => v);
  const acct = (status: string, extra: Record<string, string | string[]> = {}) =>
    radiusCall(ctx, {
      ...common,
      code: 'acct',
      acctStatus: status,
      attributes: attributeText({
        'Acct-Session-Id': ids.acctSessionId,
        ...tpl.accounting(ids),
        ...(classes.length ? { Class: classes } : {}),
        ...extra,
      }),
    });
  add('Accounting Start', await acct('Start'));
  for (let i = 1; i <= s.interims; i++)
    add(
      `Accounting Interim-Update ${i}`,
      await acct('Interim-Update', {
        'Acct-Session-Time': String(i * 60),
        'Acct-Input-Octets': String(i * 150_000),
        'Acct-Output-Octets': String(i * 90_000),
      }),
    );
  if (s.then) {
    const session = attributeText({
      'Acct-Session-Id': ids.acctSessionId,
      'Calling-Station-Id': String(tpl.accounting(ids)['Calling-Station-Id'] ?? ids.mac),
    });
    const extra = attributeText(s.then.attributes);
    const x = await radiusCall(ctx, {
      ...common,
      code: s.then.type,
      attributes: [session, extra].filter(Boolean).join('\n'),
    });
    add(s.then.type === 'coa' ? 'CoA-Request' : 'Disconnect-Request', x, s.then.expect);
  }
  const cause = s.then?.type === 'disconnect' ? 'Admin-Reset' : 'User-Request';
  add(
    'Accounting Stop',
    await acct('Stop', {
      'Acct-Session-Time': String((s.interims + 1) * 60),
      'Acct-Terminate-Cause': cause,
    }),
  );
  return out;
}
