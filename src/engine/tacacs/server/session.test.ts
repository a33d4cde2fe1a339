import { describe, expect, it } from 'vitest';
import { chapResponse } from '../../crypto/chap';
import {
  generateAuthenticatorResponse,
  generateNtResponse,
  ntChallengeResponseV1,
} from '../../crypto/mschap';
import { cont, E, send, setup, start, status } from '../../../../test/support/tacacs-session';
import {
  AcctFlags,
  AuthenAction,
  AuthenService,
  AuthenStatus,
  AuthenType,
  AuthorStatus,
} from '../codec/constants';
import { commandArgs } from '../client/client-ops';
import type { Body } from '../codec/packet';

describe('authentication sessions', () => {
  it("the trace's field tree names the user, hides the password and shows the verdict", async () => {
    const { h, ctx } = setup();
    await send(h, 77, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), { minor: 1 });
    const inTree = JSON.stringify(ctx.trace.records[0]!.dissection);
    expect(inTree).toContain('"label":"user","value":"\\"alice\\""');
    expect(inTree).toContain('hidden (10 bytes)');
    expect(inTree).not.toContain('alice-pass');
    expect(JSON.stringify(ctx.trace.records[1]!.dissection)).toContain('TAC_PLUS_AUTHEN_STATUS_PASS');
  });

  it('PAP: right password passes, wrong fails; the password never appears in the trace', async () => {
    const { h, ctx } = setup();
    expect(
      status(
        (await send(h, 1, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), { minor: 1 })).reply,
      ),
    ).toBe(AuthenStatus.PASS);
    expect(
      status((await send(h, 2, 1, start(AuthenType.PAP, 'alice', Buffer.from('nope')), { minor: 1 })).reply),
    ).toBe(AuthenStatus.FAIL);
    expect(JSON.stringify(ctx.trace.records.map((r) => r.dissection))).not.toContain('alice-pass');
    expect(JSON.stringify(ctx.trace.records)).toContain('hidden (10 bytes)');
    const out = ctx.trace.records.filter((r) => r.direction === 'out');
    expect(out[0]!.decision?.allow).toBe(true);
    expect(out[1]!.decision?.reasons.join(' ')).toMatch(/incorrect/);
    expect(out[1]!.replyTo).toBe(
      ctx.trace.records.find((r) => r.direction === 'in' && r.sessionId === 2)!.id,
    );
  });

  // RFC 8907 §5.4.4 ASCII login: each row is one session, [packet from the client, status we answer].
  const asciiLogins: [string, [Body, number][]][] = [
    [
      'asks for the user, then the password, then passes',
      [
        [start(AuthenType.ASCII, ''), AuthenStatus.GETUSER],
        [cont('alice'), AuthenStatus.GETPASS],
        [cont('alice-pass'), AuthenStatus.PASS],
      ],
    ],
    [
      'asks again after a wrong password and passes on the right one',
      [
        [start(AuthenType.ASCII, 'bob'), AuthenStatus.GETPASS],
        [cont('bad'), AuthenStatus.GETPASS],
        [cont('bob-pass'), AuthenStatus.PASS],
      ],
    ],
    [
      'fails once loginRetries (3) wrong passwords are spent',
      [
        [start(AuthenType.ASCII, 'bob'), AuthenStatus.GETPASS],
        [cont('x'), AuthenStatus.GETPASS],
        [cont('y'), AuthenStatus.GETPASS],
        [cont('z'), AuthenStatus.FAIL],
      ],
    ],
    [
      'asks for the password even when START carries one (RFC 8907 §5.4.2.1)',
      [
        [start(AuthenType.ASCII, 'alice', Buffer.from('alice-pass')), AuthenStatus.GETPASS],
        [cont('alice-pass'), AuthenStatus.PASS],
      ],
    ],
  ];

  it.each(asciiLogins)('ASCII login %s', async (_name, steps) => {
    const { h } = setup();
    for (const [i, [body, want]] of steps.entries())
      expect(status((await send(h, 7, 1 + 2 * i, body)).reply), `step ${i + 1}`).toBe(want);
  });

  it('ASCII: the password prompt is NOECHO and the last reply closes a one-session connection', async () => {
    const { h } = setup();
    await send(h, 7, 1, start(AuthenType.ASCII, ''));
    const r2 = await send(h, 7, 3, cont('alice'));
    expect(r2.reply!.kind === 'authen-reply' && r2.reply!.flags & 1).toBe(1);
    const r3 = await send(h, 7, 5, cont('alice-pass'));
    expect(r3.header!.seqNo).toBe(6);
    expect(r3.close).toBe(true);
  });

  it('ASCII: a wrong password is answered with "try again"', async () => {
    const { h } = setup();
    await send(h, 8, 1, start(AuthenType.ASCII, 'bob'));
    const wrong = await send(h, 8, 3, cont('bad'));
    expect(wrong.reply!.kind === 'authen-reply' && wrong.reply!.serverMsg).toMatch(/try again/);
  });

  it('ASCII: CONTINUE with ABORT ends the session', async () => {
    const { h } = setup();
    await send(h, 11, 1, start(AuthenType.ASCII, 'alice'));
    expect(status((await send(h, 11, 3, cont('', 1))).reply)).toBe(AuthenStatus.FAIL);
    expect(h.sessions.size).toBe(0);
  });

  it('CHAP: the right response passes, a wrong one fails, a truncated one is an ERROR', async () => {
    const { h } = setup();
    const ch = Buffer.alloc(16, 7);
    const ok = Buffer.concat([Uint8Array.of(9), ch, chapResponse(9, 'alice-pass', ch)]);
    const bad = Buffer.concat([Uint8Array.of(9), ch, chapResponse(9, 'wrong', ch)]);
    expect(status((await send(h, 12, 1, start(AuthenType.CHAP, 'alice', ok), { minor: 1 })).reply)).toBe(
      AuthenStatus.PASS,
    );
    expect(status((await send(h, 13, 1, start(AuthenType.CHAP, 'alice', bad), { minor: 1 })).reply)).toBe(
      AuthenStatus.FAIL,
    );
    expect(
      status((await send(h, 14, 1, start(AuthenType.CHAP, 'alice', ok.subarray(0, 10)), { minor: 1 })).reply),
    ).toBe(AuthenStatus.ERROR);
  });

  it("MS-CHAPv1: the user's NT response passes, one from another password fails", async () => {
    const { h } = setup();
    const ch = Buffer.from('0123456789abcdef', 'hex');
    const data = (pw: string) =>
      Buffer.concat([
        Uint8Array.of(1),
        ch,
        Buffer.alloc(24),
        ntChallengeResponseV1(ch, pw),
        Uint8Array.of(1),
      ]);
    expect(
      status((await send(h, 15, 1, start(AuthenType.MSCHAP, 'bob', data('bob-pass')), { minor: 1 })).reply),
    ).toBe(AuthenStatus.PASS);
    expect(
      status((await send(h, 16, 1, start(AuthenType.MSCHAP, 'bob', data('alice-pass')), { minor: 1 })).reply),
    ).toBe(AuthenStatus.FAIL);
  });

  it('MS-CHAPv2 with the authenticator response in the PASS data', async () => {
    const { h } = setup();
    const auth = Buffer.alloc(16, 1);
    const peer = Buffer.alloc(16, 2);
    const nt = generateNtResponse(auth, peer, 'alice', 'alice-pass');
    const data = Buffer.concat([Uint8Array.of(3), auth, peer, Buffer.alloc(8), nt, Uint8Array.of(0)]);
    const r = await send(h, 17, 1, start(AuthenType.MSCHAPV2, 'alice', data), { minor: 1 });
    expect(status(r.reply)).toBe(AuthenStatus.PASS);
    expect(r.reply!.kind === 'authen-reply' && Buffer.from(r.reply!.data).toString()).toBe(
      generateAuthenticatorResponse('alice-pass', nt, peer, auth, 'alice'),
    );
  });

  it('enable: the enable password grants priv-lvl 15; the login password, or no enable password, asks again', async () => {
    const { h } = setup();
    const en = (user: string) => start(AuthenType.ASCII, user, E, AuthenService.ENABLE, 15);
    await send(h, 18, 1, en('alice'));
    expect(status((await send(h, 18, 3, cont('alice-enable'))).reply)).toBe(AuthenStatus.PASS);
    await send(h, 19, 1, en('alice'));
    expect(status((await send(h, 19, 3, cont('alice-pass'))).reply)).toBe(AuthenStatus.GETPASS);
    // bob has no enable password.
    await send(h, 20, 1, en('bob'));
    const r = await send(h, 20, 3, cont('bob-pass'));
    expect(status(r.reply)).toBe(AuthenStatus.GETPASS);
  });

  it('CHPASS is refused by default', async () => {
    const { h } = setup();
    const r = await send(h, 21, 1, {
      ...(start(AuthenType.ASCII, 'alice') as object),
      action: AuthenAction.CHPASS,
    } as Body);
    expect(status(r.reply)).toBe(AuthenStatus.FAIL);
  });

  it('CHPASS accepted when configured: old password, then new', async () => {
    const { h } = setup({ edit: (y) => y.replace('tacacs:\n', 'tacacs:\n  chpass: accept\n') });
    const s = { ...(start(AuthenType.ASCII, 'alice') as object), action: AuthenAction.CHPASS } as Body;
    expect(status((await send(h, 22, 1, s)).reply)).toBe(AuthenStatus.GETPASS);
    expect(status((await send(h, 22, 3, cont('alice-pass'))).reply)).toBe(AuthenStatus.GETDATA);
    expect(status((await send(h, 22, 5, cont('new-pass'))).reply)).toBe(AuthenStatus.PASS);
  });
});

describe('authorization and accounting', () => {
  const author = (user: string, args: string[]): Body => ({
    kind: 'author-request',
    authenMethod: 6,
    privLvl: 1,
    authenType: 1,
    service: 1,
    user,
    port: 'tty1',
    remAddr: '',
    args,
  });

  it('exec authorization returns the group shell AV pairs', async () => {
    const { h } = setup();
    const r = await send(h, 30, 1, author('alice', ['service=shell', 'cmd*']));
    expect(r.reply).toMatchObject({ status: AuthorStatus.PASS_ADD, args: ['priv-lvl=15'] });
    const r2 = await send(h, 31, 1, author('bob', ['service=shell', 'cmd=', 'priv-lvl=15']));
    expect(r2.reply).toMatchObject({
      status: AuthorStatus.PASS_REPL,
      args: ['service=shell', 'cmd=', 'priv-lvl=1'],
    });
  });

  it('command authorization: alice anything, bob only show (with <cr> and empty args)', async () => {
    const { h, ctx } = setup();
    const cmd = async (user: string, line: string) =>
      status((await send(h, Math.floor(Math.random() * 1e9), 1, author(user, commandArgs(line)))).reply);
    expect(await cmd('alice', 'configure terminal')).toBe(AuthorStatus.PASS_ADD);
    expect(await cmd('bob', 'show version')).toBe(AuthorStatus.PASS_ADD);
    expect(await cmd('bob', 'configure terminal')).toBe(AuthorStatus.FAIL);
    expect(await cmd('bob', 'reload')).toBe(AuthorStatus.FAIL);
    expect(
      status(
        (await send(h, 99, 1, author('bob', ['service=shell', 'cmd=show', 'cmd-arg=', 'cmd-arg=<cr>'])))
          .reply,
      ),
    ).toBe(AuthorStatus.PASS_ADD);
    const denied = ctx.trace.records.find((r) => r.direction === 'out' && r.decision && !r.decision.allow);
    expect(denied!.decision!.reasons.join(' → ')).toMatch(/helpdesk.*deny/);
  });

  it('authorization without a service AV pair is an ERROR', async () => {
    const { h } = setup();
    expect(status((await send(h, 40, 1, author('alice', ['cmd=show']))).reply)).toBe(AuthorStatus.ERROR);
  });

  it('accounting START/WATCHDOG/STOP are stored before SUCCESS; a failed insert answers ERROR', async () => {
    const { h, ctx } = setup();
    const acct = (flags: number, args: string[]): Body => ({
      kind: 'acct-request',
      flags,
      authenMethod: 6,
      privLvl: 15,
      authenType: 1,
      service: 1,
      user: 'alice',
      port: 'tty1',
      remAddr: '10.1.1.1',
      args,
    });
    const a = ['task_id=42', 'service=shell', 'start_time=1700000000'];
    expect(status((await send(h, 50, 1, acct(AcctFlags.START, a))).reply)).toBe(1);
    expect(status((await send(h, 51, 1, acct(AcctFlags.WATCHDOG | AcctFlags.START, a))).reply)).toBe(1);
    expect(
      status(
        (
          await send(
            h,
            52,
            1,
            acct(AcctFlags.STOP, [...a, 'cmd=show', 'cmd-arg=version', 'cmd-arg=<cr>', 'elapsed_time=5']),
          )
        ).reply,
      ),
    ).toBe(1);
    expect(ctx.accounting.rows.map((r) => r.status)).toEqual(['start', 'watchdog', 'stop']);
    expect(ctx.accounting.rows[2]).toMatchObject({
      device: 'lab-loopback',
      username: 'alice',
      sessionId: '42',
      command: 'show version',
      nasAddress: '127.0.0.1',
      remoteAddress: '10.1.1.1',
    });
    expect(ctx.accounting.rows[2]!.attributes['cmd-arg']).toEqual(['version', '<cr>']);
    expect(status((await send(h, 53, 1, acct(AcctFlags.START | AcctFlags.STOP, a))).reply)).toBe(2);
    ctx.accounting.fail = true;
    expect(status((await send(h, 54, 1, acct(AcctFlags.START, a))).reply)).toBe(2);
  });
});
