/** A minimal per-origin cookie jar over fetch with manual redirects, for driving login flows in tests. */
export class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>();
  /** Raw Set-Cookie headers seen, for attribute checks. */
  readonly seen: string[] = [];

  get(origin: string, name: string): string | undefined {
    return this.#byOrigin.get(origin)?.get(name);
  }

  /** The Cookie header this jar would send to `origin` (for clients other than fetch, e.g. WebSocket). */
  header(origin: string): string {
    return [...(this.#byOrigin.get(origin) ?? [])]
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('; ');
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.#byOrigin.get(u.origin) ?? new Map<string, string>();
    this.#byOrigin.set(u.origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
    const res = await fetch(u, { ...init, headers, redirect: 'manual' });
    for (const sc of res.headers.getSetCookie()) {
      this.seen.push(sc);
      const [pair = ''] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      if (/;\s*Max-Age=0\b/i.test(sc) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}
