import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { OktaConfig } from '../config/okta-schema';
import type { OktaApi, OktaReply } from './okta-api';
import type { OktaFactor, Steps } from './okta-steps';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Okta Verify push (Authn API "Verify Push Factor"): the first verify call sends the notification
 * and answers MFA_CHALLENGE / factorResult WAITING with a `next` (poll) link; the same call with the
 * stateToken is repeated until SUCCESS, REJECTED or TIMEOUT. The wait is bounded here by
 * `pushTimeoutS` (a device gives up after its own timeout × retries), after which the transaction is
 * cancelled. Every step — sent, each state change, the outcome — is a reason with its timing.
 */
export async function pollPush(
  api: OktaApi,
  cfg: Pick<OktaConfig, 'orgUrl' | 'pushTimeoutS' | 'pollIntervalMs'>,
  s: Steps,
  factor: OktaFactor,
  stateToken: string,
): Promise<boolean> {
  const verify = `/api/v1/authn/factors/${encodeURIComponent(factor.id)}/verify`;
  const device = [factor.profile?.name, factor.profile?.deviceType].filter(Boolean).join(', ');
  const t0 = performance.now();
  const deadline = t0 + cfg.pushTimeoutS * 1000;
  let r = await api.post(verify, { stateToken });
  if (!answered(r)) {
    s.add(`push could not be sent: ${reason(api, r)} in ${r.ms} ms`);
    return false;
  }
  s.add(
    `push sent to ${device || 'the enrolled device'} in ${r.ms} ms; waiting up to ${cfg.pushTimeoutS} s, polling every ${cfg.pollIntervalMs} ms`,
  );
  const poll = pollPath(r.body, cfg.orgUrl) ?? verify;
  let polls = 0;
  for (;;) {
    const result = r.body.status === 'SUCCESS' ? 'SUCCESS' : String(r.body.factorResult ?? '');
    const waited = secs(performance.now() - t0);
    if (result === 'SUCCESS') {
      s.add(`push approved on the device after ${waited} (${polls} polls)`);
      return true;
    }
    if (result === 'REJECTED') {
      s.add(`push rejected on the device after ${waited} (${polls} polls)`);
      return false;
    }
    if (result === 'TIMEOUT') {
      s.add(`push expired at Okta (factorResult TIMEOUT) after ${waited} (${polls} polls)`);
      return false;
    }
    if (result !== 'WAITING') {
      s.add(`push ended with ${result || String(r.body.status)} after ${waited}`);
      return false;
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      await api.post('/api/v1/authn/cancel', { stateToken });
      s.add(
        `no approval within pushTimeoutS ${cfg.pushTimeoutS} s (${polls} polls, WAITING throughout); transaction cancelled`,
      );
      return false;
    }
    await sleep(Math.min(cfg.pollIntervalMs, left));
    polls += 1;
    r = await api.post(poll, { stateToken });
    if (!answered(r)) {
      s.add(`push poll ${polls} failed after ${secs(performance.now() - t0)}: ${reason(api, r)}`);
      return false;
    }
  }
}

function answered(r: OktaReply): r is Extract<OktaReply, { ok: true }> {
  return r.ok;
}

function reason(api: OktaApi, r: Exclude<OktaReply, { ok: true }>): string {
  if ('failure' in r) return r.failure;
  return api.redact(`${r.error.errorCode ?? `HTTP ${r.status}`} ${r.error.errorSummary ?? ''}`.trim());
}

/** The `next` (poll) link, used only when it points at the configured org (the token goes there). */
function pollPath(body: Record<string, unknown>, orgUrl: string): string | undefined {
  const links = body._links as { next?: { href?: string } } | undefined;
  const href = links?.next?.href;
  if (!href) return undefined;
  try {
    const u = new URL(href);
    return u.origin === new URL(orgUrl).origin ? u.pathname + u.search : undefined;
  } catch {
    return undefined;
  }
}
