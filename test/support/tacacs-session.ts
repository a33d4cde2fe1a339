import { fixtureLab, testContext } from './tacacs-lab';
import { AuthenAction, AuthenService } from '../../src/engine/tacacs/codec/constants';
import { decodePacket, encodePacket, type Body } from '../../src/engine/tacacs/codec/packet';
import { PacketHandler } from '../../src/engine/tacacs/server/packet-handler';

/** Shared by the TACACS+ session tests: a PacketHandler on the fixture lab, and packet builders. */
export const KEY = 'testing123';
export const E = new Uint8Array(0);

export function setup(opts: { address?: string; edit?: (y: string) => string } = {}) {
  const ctx = testContext(fixtureLab(opts.edit));
  const address = opts.address ?? '127.0.0.1';
  const device = ctx.policy().device(address)!;
  const h = new PacketHandler({
    ctx,
    device,
    transport: 'tcp',
    local: { address: '127.0.0.1', port: 49 },
    remote: { address, port: 5555 },
    config: ctx.lab().config.tacacs!,
  });
  return { ctx, h };
}

/** Sends one packet and decodes the reply; `key` defaults to the fixture's lab-loopback secret. */
export async function send(
  h: PacketHandler,
  sessionId: number,
  seqNo: number,
  body: Body,
  o: { key?: string; minor?: number; flags?: number } = {},
) {
  const key = 'key' in o ? o.key : KEY;
  const r = await h.handle(
    encodePacket({ major: 0xc, minor: o.minor ?? 0, seqNo, flags: o.flags ?? 0, sessionId }, body, key),
  );
  let reply: ReturnType<typeof decodePacket> | undefined;
  try {
    reply = r.out ? decodePacket(r.out, key) : undefined;
  } catch {
    reply = undefined; // a reply this side cannot read (obfuscated with another key)
  }
  return { ...r, reply: reply?.body, header: reply?.header };
}

export const start = (
  authenType: number,
  user: string,
  data: Uint8Array = E,
  service: number = AuthenService.LOGIN,
  privLvl = 1,
): Body => ({
  kind: 'authen-start',
  action: AuthenAction.LOGIN,
  privLvl,
  authenType,
  service,
  user,
  port: 'tty1',
  remAddr: '10.0.0.9',
  data,
});
export const cont = (userMsg: string, flags = 0): Body => ({
  kind: 'authen-continue',
  flags,
  userMsg,
  data: E,
});
export const status = (b: Body | undefined) => (b && 'status' in b ? b.status : undefined);
