/**
 * The per-run access token of `aaa-lab serve`. It arrives once in the page URL (`?token=…`, printed
 * by the CLI like Jupyter does), is kept in sessionStorage for reloads of this tab, and is removed
 * from the address bar so it does not end up in history, bookmarks or screenshots.
 */
export const TOKEN_STORAGE_KEY = 'aaa-lab.token';

export interface TokenHost {
  location: { href: string };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

export function takeToken(host: TokenHost): string | undefined {
  const url = new URL(host.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    host.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    host.history.replaceState(host.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return host.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
}
