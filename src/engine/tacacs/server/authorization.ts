import { deny, type Decision } from '../../policy/decision';
import type { AuthorRequest, AuthorResponse } from '../codec/author-body';
import { avValue, avValues, formatAv, parseAv } from '../codec/av-pairs';
import { AuthorStatus } from '../codec/constants';
import type { SessionEnv } from './authentication';

export interface AuthorOutcome {
  response: Omit<AuthorResponse, 'kind'>;
  decision: Decision;
  /** "exec" or "command"; the summary and metrics use it. */
  what: string;
}

const EMPTY = new Uint8Array(0);
const respond = (status: number, serverMsg: string, args: string[] = []) => ({
  status,
  serverMsg,
  data: EMPTY,
  args,
});

/**
 * RFC 8907 §6 authorization. `service=shell` without a command is exec authorization and returns the
 * groups' shell AV pairs; with `cmd=` it is command authorization over "cmd cmd-arg …" (the policy
 * drops the `<cr>` and empty arguments devices send). PASS_REPL when our pairs override an
 * attribute the device sent (§6.2), PASS_ADD otherwise.
 */
export async function authorize(req: AuthorRequest, env: SessionEnv): Promise<AuthorOutcome> {
  const service = avValue(req.args, 'service');
  if (service === undefined) {
    const d = deny(['request has no service= argument (mandatory, RFC 8907 §6.1)']);
    return {
      response: respond(AuthorStatus.ERROR, 'missing service argument'),
      decision: d,
      what: 'invalid',
    };
  }
  if (!req.user) {
    return {
      response: respond(AuthorStatus.FAIL, 'no user name'),
      decision: deny(['request has no user name']),
      what: service,
    };
  }
  const cmd = avValue(req.args, 'cmd');
  const isCommand = cmd !== undefined && cmd !== '';
  const d = await env.policy.authorize({
    device: env.device,
    username: req.user,
    ...(isCommand ? { cmd, args: avValues(req.args, 'cmd-arg') } : {}),
  });
  const what = isCommand ? 'command' : service === 'shell' ? 'exec' : `service ${service}`;
  if (!d.allow) {
    const msg = isCommand ? 'Command authorization failed' : 'Authorization failed';
    return { response: respond(AuthorStatus.FAIL, msg), decision: d, what };
  }
  if (isCommand || service !== 'shell')
    return { response: respond(AuthorStatus.PASS_ADD, ''), decision: d, what };
  return { response: shellReply(req.args, d.avPairs), decision: d, what };
}

function shellReply(requestArgs: readonly string[], ours: readonly string[]): Omit<AuthorResponse, 'kind'> {
  const ourPairs = ours.map(parseAv);
  const sent = new Set(requestArgs.map((a) => parseAv(a).name));
  if (!ourPairs.some((p) => sent.has(p.name))) return respond(AuthorStatus.PASS_ADD, '', [...ours]);
  // §6.2 PASS_REPL: the response's arguments replace the request's, so send the merged set.
  const byName = new Map(ourPairs.map((p) => [p.name, p]));
  const merged = requestArgs.map((a) => {
    const p = parseAv(a);
    const o = byName.get(p.name);
    return o ? formatAv({ ...o, mandatory: true }) : a;
  });
  for (const p of ourPairs) if (!sent.has(p.name)) merged.push(formatAv(p));
  return respond(AuthorStatus.PASS_REPL, '', merged);
}
