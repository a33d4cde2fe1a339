import { performance } from 'node:perf_hooks';
import type { OktaConfig } from '../config/okta-schema';
import { redact } from '../secret';

/** Okta's error object (developer.okta.com, "Error object"): errorCode E0000004 and friends. */
export interface OktaError {
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: { errorSummary?: string }[];
}

export type OktaReply =
  | { ok: true; status: number; body: Record<string, unknown>; ms: number }
  | { ok: false; status: number; error: OktaError; ms: number }
  /** No HTTP answer: refused, DNS, TLS, timeout. */
  | { ok: false; status: 0; failure: string; ms: number };

/** What an Okta error says, in the words a lab user acts on (codes from Okta's error code list). */
export function describeOktaError(status: number, e: OktaError): string {
  const cause = e.errorCauses?.map((c) => c.errorSummary).find(Boolean);
  const said =
    `${e.errorCode ?? `HTTP ${status}`} ${e.errorSummary ?? ''}`.trim() + (cause ? ` (${cause})` : '');
  switch (e.errorCode) {
    case 'E0000011':
      return `${said}: the API token is invalid or revoked (apiToken)`;
    case 'E0000006':
      return `${said}: the API token's admin lacks permission for this call`;
    case 'E0000047':
      return `${said}: Okta rate limit reached; retry later`;
    default:
      return said;
  }
}

/**
 * A small client for the Okta calls the backend makes: JSON over HTTPS, `Authorization: SSWS
 * <token>` (Okta "API token" authentication), one deadline per request. The token never appears
 * in what it returns: failure text is redacted before it leaves.
 */
export class OktaApi {
  constructor(readonly cfg: Pick<OktaConfig, 'orgUrl' | 'apiToken' | 'timeoutMs'>) {}

  get(path: string): Promise<OktaReply> {
    return this.#call('GET', path);
  }

  post(path: string, body: Record<string, unknown>): Promise<OktaReply> {
    return this.#call('POST', path, body);
  }

  /** Text from a third party or a thrown error, with the token (and any extra secret) masked. */
  redact(text: string, extra: (string | undefined)[] = []): string {
    return redact(text, [this.cfg.apiToken, ...extra]);
  }

  async #call(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<OktaReply> {
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    let res: Response;
    try {
      res = await fetch(`${this.cfg.orgUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization: `SSWS ${this.cfg.apiToken.reveal()}`,
          'User-Agent': 'aaa-lab',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      return { ok: false, status: 0, failure: this.redact(describeFailure(e, this.cfg.timeoutMs)), ms: ms() };
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    const obj = json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
    if (res.ok) return { ok: true, status: res.status, body: obj ?? {}, ms: ms() };
    return { ok: false, status: res.status, error: (obj as OktaError | undefined) ?? {}, ms: ms() };
  }
}

/** fetch wraps the socket error: TypeError("fetch failed") → cause {code: 'ECONNREFUSED'}, maybe deeper. */
export function describeFailure(e: unknown, timeoutMs: number): string {
  for (
    let err = e as (Error & { code?: unknown; cause?: unknown }) | undefined, depth = 0;
    err && depth < 5;
    err = err.cause as typeof err, depth++
  ) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    if (typeof err.code === 'string' && /^E[A-Z_]+$/.test(err.code)) return `unreachable: ${err.code}`;
  }
  return (e as Error)?.message ?? String(e);
}
