import type { FieldNodeDto, TraceRecordDto, TraceRow } from '../../../../contract';

/** A display filter that shows one conversation of the selected packet, and what to call it. */
export interface Follow {
  label: string;
  expr: string;
  /**
   * The expression matches requests only (their replies do not repeat the attribute it reads):
   * the replies to the requests found are added by number (withReplies).
   */
  addReplies?: boolean;
}

/** At most this many replies are added by number, to keep the expression short. */
export const MAX_REPLIES = 200;

/** `expr` widened to the replies of the requests it found. */
export function withReplies(expr: string, requestIds: readonly number[]): string {
  const ids = requestIds.slice(0, MAX_REPLIES);
  return ids.length ? `(${expr}) || ${ids.map((id) => `request == ${id}`).join(' || ')}` : expr;
}

const quote = (s: string) => JSON.stringify(s);

/** The value of the first field labelled `name` ("Acct-Session-Id (44)") in a dissection. */
export function fieldValue(nodes: readonly FieldNodeDto[], name: string): string | undefined {
  for (const n of nodes) {
    if (n.label.replace(/\s*\(\d+\)$/, '') === name && n.value !== undefined) return n.value;
    const inner = n.children && fieldValue(n.children, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * The conversations a packet belongs to, narrowest first: a TACACS+ session (session_id), an
 * accounting session (Acct-Session-Id: Start → Interim → Stop), a RADIUS exchange (request,
 * its retransmissions' replies), an EAP conversation (every round of one supplicant's
 * authentication through one NAS: the EAP-Message packets of its user from that address, RFC 3579).
 */
export function followsOf(rec: TraceRecordDto): Follow[] {
  const out: Follow[] = [];
  if (rec.protocol === 'tacacs' && rec.sessionId)
    out.push({ label: 'Follow TACACS+ session', expr: `tacacs && session == ${rec.sessionId}` });
  const acct = fieldValue(rec.dissection, 'Acct-Session-Id');
  if (acct !== undefined)
    out.push({
      label: 'Follow accounting session',
      expr: `radius.Acct-Session-Id == ${quote(acct)}`,
      addReplies: true,
    });
  if (rec.protocol !== 'tacacs') {
    const request = rec.replyTo ?? rec.id;
    out.push({ label: 'Follow RADIUS exchange', expr: `id == ${request} || request == ${request}` });
    // Rounds are chained by State, which the replies carry but the filter cannot join on: the
    // supplicant's identity and its NAS pick the conversation out instead.
    if (rec.user && fieldValue(rec.dissection, 'EAP-Message') !== undefined)
      out.push({
        label: 'Follow EAP conversation',
        expr: `radius.EAP-Message && user == ${quote(rec.user)} && addr == ${quote(rec.remote.address)}`,
      });
  }
  return out;
}

/** The other half of a request/response pair among the rows held, with the time between them. */
export function pairOf(
  rec: Pick<TraceRow, 'id' | 'replyTo' | 'latencyUs' | 'timeUs'>,
  rows: readonly TraceRow[],
): { id: number; kind: 'request' | 'response'; deltaUs?: number } | undefined {
  if (rec.replyTo !== undefined) return { id: rec.replyTo, kind: 'request', deltaUs: rec.latencyUs };
  const reply = rows.find((r) => r.replyTo === rec.id);
  return reply ? { id: reply.id, kind: 'response', deltaUs: reply.timeUs - rec.timeUs } : undefined;
}
