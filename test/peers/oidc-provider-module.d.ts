// The parts of oidc-provider (no bundled types) that the test peer uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcCtx {
    oidc: {
      params: Record<string, string | undefined>;
      client: { clientId: string };
      provider: Provider;
    };
    body: unknown;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    registerGrantType(name: string, handler: (ctx: OidcCtx) => Promise<void>, params?: string[]): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
    Grant: new (init: { accountId: string; clientId: string }) => {
      jti: string;
      addOIDCScope(scope: string): void;
      addOIDCClaims(claims: string[]): void;
      save(): Promise<string>;
    };
    AccessToken: new (init: Record<string, unknown>) => { save(): Promise<string>; expiration: number };
    IdToken: new (
      claims: Record<string, unknown>,
      opts: { ctx: OidcCtx },
    ) => {
      scope: string;
      set(key: string, value: unknown): void;
      issue(opts: { use: 'idtoken' }): Promise<string>;
    };
  }

  export const errors: {
    InvalidGrant: new (description: string) => Error;
  };

  export default Provider;
}
