import tls from 'node:tls';
import { describe, expect, it, vi } from 'vitest';
import { fixtureTls } from '../../../../../test/support/lab-tls';
import { TlsWire } from './tls-wire';

const tick = () => new Promise<void>((resolve) => process.nextTick(resolve));
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function flowing(): { wire: TlsWire; got: Buffer[] } {
  const wire = new TlsWire();
  const got: Buffer[] = [];
  wire.on('data', (d: Buffer) => got.push(d));
  return { wire, got };
}

describe('TlsWire', () => {
  it("hands a flowing reader the peer's bytes at once, without Readable's queue", async () => {
    const { wire, got } = flowing();
    await tick(); // 'data' resumes the stream on a tick
    const push = vi.spyOn(wire, 'push');
    wire.deliver(Buffer.from('ab'));
    wire.deliver(Buffer.from('cd'));
    expect(got.map(String)).toEqual(['ab', 'cd']);
    expect(push).not.toHaveBeenCalled();
    expect(wire.readableLength).toBe(0);
  });

  it('keeps the bytes while paused and delivers them, in order, once resumed', async () => {
    const { wire, got } = flowing();
    wire.pause();
    wire.deliver(Buffer.from('ab'));
    wire.deliver(Buffer.from('cd'));
    expect(got).toEqual([]);
    expect(wire.readableLength).toBe(4);
    wire.resume(); // delivers on a later tick, never from inside resume()
    expect(got).toEqual([]);
    wire.deliver(Buffer.from('ef')); // queued behind what is buffered, not ahead of it
    await tick();
    expect(Buffer.concat(got).toString()).toBe('abcdef');
    expect(wire.readableLength).toBe(0);
  });

  it('takes each written buffer at once and calls back later, never buffering', async () => {
    const wire = new TlsWire();
    const done = vi.fn();
    wire.cork(); // Node's wrapper corks around its writes: nothing may wait for uncork()
    expect(wire.write(Buffer.from('ab'), done)).toBe(true);
    expect(wire.write(Buffer.from('cd'), 'latin1', done)).toBe(true);
    expect(wire.writableLength).toBe(0);
    expect(wire.handed).toBe(4);
    expect(done).not.toHaveBeenCalled();
    wire.uncork();
    await tick();
    expect(done).toHaveBeenCalledTimes(2);
    expect(done.mock.calls.every((c) => c[0] === null)).toBe(true);
    expect(wire.takeOutput().toString()).toBe('abcd');
    expect(wire.takeOutput().length).toBe(0);
  });

  it('leaves anything but a Buffer, and writes after end, to the ordinary Writable', async () => {
    const wire = new TlsWire();
    wire.write('ef');
    await tick();
    expect(wire.takeOutput().toString()).toBe('ef');
    const finished = new Promise((resolve) => wire.on('finish', resolve));
    wire.end();
    await finished;
    const late = await new Promise<Error | null | undefined>((resolve) => {
      wire.on('error', () => undefined);
      wire.write(Buffer.from('gh'), resolve);
    });
    expect(late).toBeInstanceOf(Error);
    expect(wire.takeOutput().length).toBe(0);
  });

  it('gives nothing to the reader once destroyed', async () => {
    const { wire, got } = flowing();
    await tick();
    const closed = new Promise((resolve) => wire.on('close', resolve));
    wire.destroy();
    wire.deliver(Buffer.from('ab'));
    await closed;
    expect(got).toEqual([]);
  });

  // The shortcuts rely on how Node's TLSSocket drives a JS stream (JSStreamSocket): if that changes,
  // the wire still works through the ordinary Duplex paths, and this says the shortcuts went unused.
  it("is driven by Node's TLSSocket through the direct paths only", async () => {
    const [sw, cw] = [new TlsWire(), new TlsWire()];
    const spies = [sw, cw].flatMap((w) => [vi.spyOn(w, 'push'), vi.spyOn(w, '_write')]);
    const secureContext = tls.createSecureContext({
      cert: fixtureTls('server.pem'),
      key: fixtureTls('server.key'),
    });
    const server = new tls.TLSSocket(sw, { isServer: true, secureContext });
    const client = tls.connect({
      socket: cw,
      ca: fixtureTls('ca.pem'),
      checkServerIdentity: () => undefined,
    });
    const got: Buffer[] = [];
    client.on('data', (d: Buffer) => got.push(d));
    server.on('secure', () => server.write('inner'));
    for (let i = 0; i < 20 && got.length === 0; i++) {
      await turn();
      const [toClient, toServer] = [sw.takeOutput(), cw.takeOutput()];
      if (toClient.length) cw.deliver(toClient);
      if (toServer.length) sw.deliver(toServer);
    }
    expect(Buffer.concat(got).toString()).toBe('inner');
    expect([sw.writableLength, cw.writableLength, sw.readableLength, cw.readableLength]).toEqual([
      0, 0, 0, 0,
    ]);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    client.destroy();
    server.destroy();
  });
});
