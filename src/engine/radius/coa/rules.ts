import type { CoaRule } from '../../config/schema';
import { getAll, type RadiusMessage } from '../codec/message';
import { CODES } from '../codec/constants';

/** What the simulated NAS does with a CoA/Disconnect request. */
export interface CoaAction {
  kind: 'ack' | 'nak' | 'drop';
  errorCause?: number;
  delayMs: number;
  replyMessage?: string;
  /** The rule that decided and what it does: "rule 1: has Framed-IP-Netmask → NAK 407
   * Invalid-Attribute-Value", or "no rule matched → ACK (default)". */
  reason: string;
}

/** Error-Cause number → its dictionary name (RFC 5176 §3.5), for the reason text. */
export type ErrorCauseName = (code: number) => string | undefined;

/** RFC 5176 responder rules from the lab file: the first whose conditions all hold decides. */
export function decideCoa(
  rules: readonly CoaRule[],
  m: RadiusMessage,
  knownSession: (id: string) => boolean,
  causeName: ErrorCauseName = () => undefined,
): CoaAction {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const why = matches(rule, m, knownSession);
    if (why === undefined) continue;
    const action = toAction(rule.then);
    return { ...action, reason: `rule ${i + 1}: ${why || 'any request'} → ${actionText(action, causeName)}` };
  }
  return { kind: 'ack', delayMs: 0, reason: 'no rule matched → ACK (default)' };
}

/** "NAK 407 Invalid-Attribute-Value after 300 ms", "ACK", "drop (no reply)". */
function actionText(a: Omit<CoaAction, 'reason'>, causeName: ErrorCauseName): string {
  let text = a.kind === 'ack' ? 'ACK' : a.kind === 'drop' ? 'drop (no reply)' : 'NAK';
  if (a.kind === 'nak' && a.errorCause !== undefined) {
    const name = causeName(a.errorCause);
    text += ` ${a.errorCause}${name ? ` ${name}` : ''}`;
  }
  if (a.replyMessage !== undefined) text += ` with Reply-Message "${a.replyMessage}"`;
  if (a.delayMs > 0 && a.kind !== 'drop') text += ` after ${a.delayMs} ms`;
  return text;
}

function matches(rule: CoaRule, m: RadiusMessage, knownSession: (id: string) => boolean): string | undefined {
  const c = rule.if;
  if (!c) return '';
  const parts: string[] = [];
  if (c.code !== undefined) {
    if (m.code !== CODES[c.code]) return undefined;
    parts.push(`code ${c.code}`);
  }
  if (c.has !== undefined) {
    if (getAll(m, c.has).length === 0) return undefined;
    parts.push(`has ${c.has}`);
  }
  if (c.attribute !== undefined) {
    const values = getAll(m, c.attribute);
    if (values.length === 0) return undefined;
    if (c.equals !== undefined) {
      const want = String(c.equals);
      if (!values.some((a) => a.display === want || String(a.value) === want)) return undefined;
      parts.push(`${c.attribute} = ${want}`);
    } else parts.push(`has ${c.attribute}`);
  }
  if (c.unknownSession !== undefined) {
    const ids = getAll(m, 'Acct-Session-Id').map((a) => String(a.value));
    const unknown = ids.length === 0 || !ids.some(knownSession);
    if (unknown !== c.unknownSession) return undefined;
    parts.push(c.unknownSession ? 'unknown Acct-Session-Id' : 'known Acct-Session-Id');
  }
  return parts.join(', ');
}

function toAction(then: CoaRule['then']): Omit<CoaAction, 'reason'> {
  if (then === 'ack') return { kind: 'ack', delayMs: 0 };
  if (then === 'drop') return { kind: 'drop', delayMs: 0 };
  const delayMs = then.delayMs ?? 0;
  if (then.drop) return { kind: 'drop', delayMs };
  if (then.nak !== undefined)
    return { kind: 'nak', errorCause: then.nak, delayMs, replyMessage: then.replyMessage };
  return { kind: 'ack', delayMs, replyMessage: then.replyMessage };
}
