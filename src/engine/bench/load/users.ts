import { LOAD_LIMITS } from '../../../contract/load';

const RANGE = /\{(\d+)\.\.(\d+)\}/;

export interface Credential {
  user: string;
  password: string;
}

/**
 * "user{0001..5000}" → user0001 … user5000 (the width of the first bound is kept); a password with
 * the same kind of range expands in step with the user ("pass{1..5000}" → user1/pass1 …).
 */
export function expandUsers(users: readonly string[], password: string): Credential[] {
  const out: Credential[] = [];
  for (const u of users) {
    const m = RANGE.exec(u);
    if (!m) {
      out.push({ user: u, password: password.replace(RANGE, (_, a: string) => a) });
      continue;
    }
    const [from, to] = [Number(m[1]), Number(m[2])];
    if (to < from) throw new Error(`${u}: the range ends before it starts`);
    if (out.length + to - from + 1 > LOAD_LIMITS.maxUsers)
      throw new Error(`${u}: more than ${LOAD_LIMITS.maxUsers} users`);
    const width = m[1]!.length;
    for (let n = from; n <= to; n++) {
      const num = String(n).padStart(width, '0');
      out.push({
        user: u.replace(RANGE, num),
        password: password.replace(RANGE, (_, a: string) => String(n).padStart(a.length, '0')),
      });
    }
  }
  return out;
}
