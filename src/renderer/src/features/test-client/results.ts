import { NO_REPLY, type RadiusResultDto, type TacacsResultDto } from '../../../../contract/test-client';
import type { ResultView } from './result-card';

function pairOf(av: string): [string, string] {
  const i = av.search(/[=*]/);
  return i < 0 ? [av, ''] : [av.slice(0, i), av.slice(i + 1)];
}

export function tacacsView(r: TacacsResultDto): ResultView {
  const notes: string[] = [];
  if (r.data) notes.push(`data: ${r.data}`);
  if (r.serverAuthenticated !== undefined)
    notes.push(`MS-CHAPv2 server authenticator response: ${r.serverAuthenticated ? 'valid' : 'INVALID'}`);
  return {
    status: r.status,
    pass: r.pass,
    replied: r.status !== NO_REPLY,
    ms: r.durationMs,
    detail: r.serverMsg.trim() ? `server message “${r.serverMsg.trim()}”` : undefined,
    attributes: r.avPairs.map(pairOf),
    attributesTitle: 'AV pair',
    notes,
    assertions: r.assertions,
    error: r.error,
    lab: r.lab,
    traceId: firstTraceId(r),
  };
}

export function radiusView(r: RadiusResultDto): ResultView {
  const notes: string[] = [];
  if (r.mschapv2Valid !== undefined)
    notes.push(`MS-CHAP2-Success authenticator response: ${r.mschapv2Valid ? 'valid' : 'INVALID'}`);
  const detail = [
    r.identifier !== undefined ? `id=${r.identifier}` : '',
    r.attempts > 1 ? `${r.attempts} attempts` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    status: r.code,
    pass: r.pass,
    replied: r.code !== NO_REPLY,
    ms: r.rttMs,
    detail: detail || undefined,
    attributes: r.attributes,
    attributesTitle: 'Attribute',
    notes,
    assertions: r.assertions,
    error: r.error,
    lab: r.lab,
    traceId: firstTraceId(r),
  };
}

function firstTraceId(r: RadiusResultDto | TacacsResultDto): number | undefined {
  return r.lab?.traceIds[0] ?? r.exchange.find((e) => e.traceId !== undefined)?.traceId;
}
