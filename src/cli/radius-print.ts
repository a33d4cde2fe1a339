import type { CliIo } from './io';
import type { AttrInput } from '../engine/radius/codec/build';
import { attributeRecord, decodeMessage } from '../engine/radius/codec/message';
import type { ClientResult } from '../engine/radius/client/client';
import type { Dictionary } from '../engine/radius/dictionary/dictionary';
import { bundledDictionary } from '../engine/radius/dictionary/load';

interface PrintFlags {
  json?: boolean;
  verbose?: boolean;
  host: string;
}

/** The result as radclient users read it; -v adds each packet sent and received, decoded. */
export function printResult(
  io: CliIo,
  f: PrintFlags,
  r: ClientResult,
  failed: AttrInput[],
  dict: Dictionary = bundledDictionary().dictionary,
): void {
  if (f.json) {
    io.out(
      JSON.stringify(
        {
          code: r.codeName,
          identifier: r.message.identifier,
          rttMs: Math.round(r.rttMs * 1000) / 1000,
          attributes: r.attributes,
          mschapv2: r.mschapv2,
          expectationsFailed: failed.map((e) => `${e.name}=${String(e.value)}`),
          exchange: {
            attempts: r.exchange.attempts,
            request: r.exchange.request.toString('hex'),
            response: r.exchange.response.toString('hex'),
          },
        },
        null,
        2,
      ),
    );
    return;
  }
  if (f.verbose) packet(io, 'Sent', r.exchange.request, dict, r.exchange.attempts);
  if (f.verbose) packet(io, 'Received', r.exchange.response, dict);
  io.out(
    `Received ${r.codeName} id=${r.message.identifier} from ${f.host} in ${r.rttMs.toFixed(1)} ms${r.exchange.attempts > 1 ? ` (after ${r.exchange.attempts} attempts)` : ''}`,
  );
  if (!f.verbose) attributes(io, attributeRecord(r.message));
  if (r.mschapv2) io.out(`MS-CHAPv2 server authenticator response: ${r.mschapv2}`);
  for (const e of failed) io.err(`expectation failed: ${e.name} = ${String(e.value)}`);
}

function packet(io: CliIo, what: string, bytes: Buffer, dict: Dictionary, attempts = 1): void {
  try {
    const m = decodeMessage(bytes, dict);
    const times = attempts > 1 ? ` (${attempts} times)` : '';
    io.out(`${what} ${m.codeName} Id ${m.identifier} length ${bytes.length}${times}`);
    attributes(io, attributeRecord(m));
  } catch (e) {
    io.out(`${what} ${bytes.length} octets, not decodable: ${(e as Error).message}`);
  }
}

function attributes(io: CliIo, rec: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(rec))
    for (const one of Array.isArray(v) ? v : [v]) io.out(`  ${k} = ${JSON.stringify(one)}`);
}
