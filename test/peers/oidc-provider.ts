import { createServer, type Server } from 'node:http';
import Provider, { errors, type OidcCtx } from 'oidc-provider';

/**
 * An in-process OpenID provider (panva/oidc-provider) on 127.0.0.1 for tests. It has:
 * - `ropc`: a client allowed the Resource Owner Password grant, which oidc-provider does not ship
 *   (OAuth 2.1 drops it) and is registered here with registerGrantType('password', …);
 * - `code-only`: a client without that grant (the provider answers unauthorized_client);
 * - `admin-web`: an authorization-code + PKCE client for the admin console login, logged in through
 *   the provider's dev interactions (POST the accountId; no password).
 * - `aaa-lab-desktop`: a native public client (RFC 8252) for the desktop app's loopback login: no
 *   secret, PKCE, redirect http://127.0.0.1/callback on any port (oidc-provider ignores the port of
 *   loopback redirect URIs for native clients, RFC 8252 §7.3).
 * Users carry `email` and `groups`; `nomail` has no email (the admin login must refuse it).
 */

export interface PeerUser {
  password: string;
  email?: string;
  groups: string[];
}

export const OIDC_USERS: Record<string, PeerUser> = {
  erin: { password: 'erin-pass', email: 'erin@example.com', groups: ['net-admins'] },
  frank: { password: 'frank-pass', email: 'frank@example.com', groups: ['helpdesk-staff', 'other'] },
  nomail: { password: 'nomail-pass', groups: [] },
};

export const ROPC_CLIENT = { id: 'aaa-lab-ropc', secret: 'ropc-client-secret' };
export const CODE_ONLY_CLIENT = { id: 'code-only', secret: 'code-only-secret' };
export const ADMIN_CLIENT = { id: 'admin-web', secret: 'admin-web-secret' };
export const DESKTOP_CLIENT = { id: 'aaa-lab-desktop' };

export interface OidcPeerOptions {
  /** Register the password grant (default true); without it the provider answers unsupported_grant_type. */
  passwordGrant?: boolean;
  /** Leave `groups` out of the ID token so clients must ask userinfo (default false). */
  groupsOnlyInUserinfo?: boolean;
  /** Redirect URIs allowed for the admin-web client. */
  adminRedirectUris?: string[];
}

export interface OidcPeer {
  issuer: string;
  provider: Provider;
  stop(): Promise<void>;
}

const SCOPE = 'openid profile email groups';

export async function startOidcProvider(opts: OidcPeerOptions = {}): Promise<OidcPeer> {
  // Listen first: the issuer URL must carry the port, and the provider needs the issuer.
  const server: Server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: ROPC_CLIENT.id,
        client_secret: ROPC_CLIENT.secret,
        grant_types: opts.passwordGrant === false ? ['authorization_code'] : ['password'],
        response_types: opts.passwordGrant === false ? ['code'] : [],
        redirect_uris: opts.passwordGrant === false ? ['http://127.0.0.1/unused'] : [],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: CODE_ONLY_CLIENT.id,
        client_secret: CODE_ONLY_CLIENT.secret,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/unused'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: ADMIN_CLIENT.id,
        client_secret: ADMIN_CLIENT.secret,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: opts.adminRedirectUris ?? ['http://127.0.0.1/unused'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: DESKTOP_CLIENT.id,
        application_type: 'native',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        token_endpoint_auth_method: 'none',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    async findAccount(_ctx: unknown, id: string) {
      const u = OIDC_USERS[id];
      if (!u) return undefined;
      return {
        accountId: id,
        async claims(use: string) {
          const groups = opts.groupsOnlyInUserinfo && use === 'id_token' ? {} : { groups: u.groups };
          return {
            sub: id,
            name: id,
            ...(u.email ? { email: u.email, email_verified: true } : {}),
            ...groups,
          };
        },
      };
    },
    cookies: { keys: ['aaa-lab-test-cookie-key-0123456789'] },
    ttl: {
      AccessToken: 600,
      IdToken: 600,
      Grant: 600,
      Interaction: 600,
      Session: 3600,
      AuthorizationCode: 60,
    },
    // Put scope-derived claims (email, groups) in the ID token even when an access token is issued.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
  });

  if (opts.passwordGrant !== false)
    provider.registerGrantType('password', passwordGrant(provider, opts), ['username', 'password', 'scope']);
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error', err));
  server.on('request', provider.callback());

  return {
    issuer,
    provider,
    stop: () =>
      new Promise<void>((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

/** RFC 6749 §4.3: check the resource owner's password, then issue an access token and an ID token. */
function passwordGrant(provider: Provider, opts: OidcPeerOptions) {
  return async (ctx: OidcCtx): Promise<void> => {
    const { username = '', password = '' } = ctx.oidc.params;
    const user = OIDC_USERS[username];
    if (!user || user.password !== password) throw new errors.InvalidGrant('invalid username or password');
    const scope = ctx.oidc.params.scope ?? SCOPE;
    const clientId = ctx.oidc.client.clientId;
    const grant = new provider.Grant({ accountId: username, clientId });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();
    const at = new provider.AccessToken({
      accountId: username,
      client: ctx.oidc.client,
      grantId,
      gty: 'password',
      scope,
    });
    const accessToken = await at.save();
    const claims = {
      sub: username,
      ...(user.email ? { email: user.email } : {}),
      ...(opts.groupsOnlyInUserinfo ? {} : { groups: user.groups }),
    };
    const idToken = new provider.IdToken(claims, { ctx });
    idToken.scope = scope;
    idToken.set('at_hash', accessToken);
    ctx.body = {
      access_token: accessToken,
      id_token: await idToken.issue({ use: 'idtoken' }),
      token_type: 'Bearer',
      expires_in: at.expiration,
      scope,
    };
  };
}
