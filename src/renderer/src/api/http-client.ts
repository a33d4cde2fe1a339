import { buildProcedures, type Envelope, type ErrorCode, type Invoke, type LabApi } from '../../../contract';
import { EventSocket, type SocketFactory } from './event-socket';

/**
 * LabApi over the headless host `aaa-lab serve`: `POST /rpc/<procedure>` with the input as JSON and
 * the token header, answered by HTTP 200 + Envelope (or 401); events over one WebSocket.
 */
export interface HttpClientOptions {
  /** Page origin, e.g. "http://127.0.0.1:8080". */
  origin: string;
  /** The per-run token; empty when the page was opened after an admin login (session cookie). */
  token: string;
  /** Where to send the browser when neither a token nor a session is accepted. */
  onSignInNeeded?: () => void;
  fetch?: typeof fetch;
  socket?: SocketFactory;
}

export interface HttpClient {
  api: LabApi;
  events: EventSocket;
}

export const TOKEN_HEADER = 'x-aaa-lab-token';

function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message, issues: [] } };
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  if (x.ok === true) return true;
  return x.ok === false && 'error' in x && typeof x.error === 'object' && x.error !== null;
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const origin = opts.origin.replace(/\/$/, '');

  // Without a token the page rides on the admin session cookie; changes must carry its CSRF token.
  let csrf: Promise<string | undefined> | undefined;
  const sessionCsrf = () =>
    (csrf ??= doFetch(`${origin}/admin/session`)
      .then(async (r) => (r.ok ? ((await r.json()) as { csrf?: string }).csrf : undefined))
      .catch(() => undefined));
  const authHeaders = async (): Promise<Record<string, string>> =>
    opts.token ? { [TOKEN_HEADER]: opts.token } : { 'x-csrf-token': (await sessionCsrf()) ?? '' };

  const invoke: Invoke = async (name, input) => {
    let res: Response;
    try {
      res = await doFetch(`${origin}/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authHeaders()) },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return failure(
        'unavailable',
        `The lab engine at ${origin} cannot be reached (${why}). Is aaa-lab serve running?`,
      );
    }
    if (res.status === 401 || res.status === 403) {
      if (!opts.token) opts.onSignInNeeded?.();
      return failure(
        'unauthorized',
        opts.token
          ? 'The access token was refused. Open the URL that `aaa-lab serve` printed (it ends with ?token=…).'
          : 'Not signed in: open the URL that `aaa-lab serve` printed (it ends with ?token=…), or sign in at /admin/login.',
      );
    }
    if (res.status !== 200) return failure('internal', `HTTP ${res.status} from /rpc/${name}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return failure('internal', `/rpc/${name} did not answer JSON`);
    }
    if (!isEnvelope(body)) return failure('internal', `/rpc/${name} did not answer an envelope`);
    if (body.ok && !('value' in body)) return { ok: true, value: undefined };
    return body;
  };

  const wsBase = `${origin.replace(/^http/, 'ws')}/events`;
  const wsUrl = opts.token ? `${wsBase}?token=${encodeURIComponent(opts.token)}` : wsBase;
  const events = new EventSocket(
    wsUrl,
    opts.socket ?? ((url) => new WebSocket(url) as unknown as ReturnType<SocketFactory>),
  );

  const api = {
    ...buildProcedures(invoke),
    on: (event, listener) => events.on(event, listener as (p: unknown) => void),
  } satisfies LabApi;
  return { api, events };
}
