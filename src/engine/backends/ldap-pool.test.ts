import { InvalidCredentialsError, type Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { LdapPool } from './ldap-pool';

interface Fake {
  id: number;
  isConnected: boolean;
  unbound: boolean;
  unbind(): Promise<void>;
}

function fakePool(size: number) {
  const made: Fake[] = [];
  let prepared = 0;
  const pool = new LdapPool<undefined>({
    size,
    create: () => {
      const f: Fake = {
        id: made.length,
        isConnected: false,
        unbound: false,
        unbind: async () => void (f.unbound = true),
      };
      made.push(f);
      return f as unknown as Client;
    },
    prepare: async (c) => {
      prepared++;
      (c as unknown as Fake).isConnected = true;
    },
  });
  return { pool, made, prepared: () => prepared };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('LdapPool', () => {
  it('never opens more than size connections and hands each to one user at a time', async () => {
    const { pool, made } = fakePool(2);
    let inUse = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        pool.use(async () => {
          peak = Math.max(peak, ++inUse);
          await tick();
          inUse--;
        }, undefined),
      ),
    );
    expect(made.length).toBe(2);
    expect(peak).toBe(2);
  });

  it('prepares a connection once, and again after it dropped', async () => {
    const { pool, made, prepared } = fakePool(1);
    await pool.use(async () => {}, undefined);
    await pool.use(async () => {}, undefined);
    expect(prepared()).toBe(1);
    made[0]!.isConnected = false; // the server closed it
    await pool.use(async () => {}, undefined);
    expect(prepared()).toBe(2);
  });

  it('keeps a connection after an LDAP result error, replaces it after any other error', async () => {
    const { pool, made } = fakePool(1);
    await expect(
      pool.use(async () => Promise.reject(new InvalidCredentialsError()), undefined),
    ).rejects.toThrow();
    expect(made.length).toBe(1);
    await expect(
      pool.use(async () => Promise.reject(new Error('Socket error')), undefined),
    ).rejects.toThrow();
    expect(made[0]!.unbound).toBe(true);
    expect(made.length).toBe(2);
  });

  it('a waiter whose deadline passes leaves the queue', async () => {
    const { pool } = fakePool(1);
    let release!: () => void;
    const busy = pool.use(() => new Promise<void>((r) => (release = r)), undefined);
    const ac = new AbortController();
    const waiting = pool.use(async () => 'ran', undefined, ac.signal);
    ac.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    release();
    await busy;
    expect(await pool.use(async () => 'next', undefined)).toBe('next');
  });

  it('close rejects waiters and unbinds idle connections', async () => {
    const { pool, made } = fakePool(1);
    await pool.use(async () => {}, undefined);
    await pool.close();
    expect(made[0]!.unbound).toBe(true);
    await expect(pool.use(async () => {}, undefined)).rejects.toThrow('closed');
  });
});
