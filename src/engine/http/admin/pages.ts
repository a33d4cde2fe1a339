const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · AAA Lab</title>
<style>body{font:15px system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label,input,button,a.button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0}
input,button,a.button{padding:.5rem;font:inherit}a.button{text-align:center}.error{color:#b00020}</style>
</head><body>${body}</body></html>`;

/** The admin login form: password (when web.admin is set) and a link to the OpenID login (when configured). */
export function loginPage(opts: {
  csrf: string;
  password: boolean;
  openid: boolean;
  error?: string;
  next?: string;
}): string {
  const error = opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : '';
  const form = opts.password
    ? `<form method="post" action="/admin/login">
<input type="hidden" name="csrf" value="${esc(opts.csrf)}">
${opts.next ? `<input type="hidden" name="next" value="${esc(opts.next)}">` : ''}
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`
    : '';
  const oidc = opts.openid
    ? `<a class="button" href="/admin/login/openid-start">Sign in with OpenID Connect</a>`
    : '';
  const none =
    !opts.password && !opts.openid
      ? '<p>No admin login is configured (web.admin or web.openid in the lab file).</p>'
      : '';
  return layout('Admin login', `<h1>AAA Lab admin</h1>${error}${form}${oidc}${none}`);
}

/**
 * After the OpenID callback: navigate from our own page so the SameSite=Strict session cookie is
 * sent (a redirect chain that began at the provider counts as cross-site).
 */
export function continuePage(to: string): string {
  return layout(
    'Signed in',
    `<meta http-equiv="refresh" content="0;url=${esc(to)}"><p>Signed in. <a href="${esc(to)}">Continue</a></p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(
    title,
    `<h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="/admin/login">Back to login</a></p>`,
  );
}

/** The desktop app's loopback listener answers the system browser with this (no links: nothing to go back to). */
export function loopbackPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>`);
}
