import type { CookieJar } from './cookie-jar';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * A scripted browser through oidc-provider's dev interactions: follows redirects from `start`, logs
 * in as `user` (any password), consents, and returns the first URL that begins with `stopAt` (the
 * client's redirect URI) without requesting it.
 */
export async function throughProvider(
  jar: CookieJar,
  start: string,
  user: string,
  stopAt: string,
): Promise<string> {
  let url = start;
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(stopAt)) return url;
    const res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page ${res.status} at ${url}`);
    const fields: Record<string, string> =
      prompt === 'login' ? { prompt, login: user, password: 'any' } : { prompt };
    const posted = await jar.fetch(new URL(action, url), form(fields));
    url = new URL(posted.headers.get('location') ?? '', url).href;
  }
  throw new Error('too many redirects');
}
