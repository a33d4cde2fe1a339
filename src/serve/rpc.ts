import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch } from '../contract/dispatch';
import type { HttpEngine } from '../engine/http/http-engine';
import { readJson, sendJson } from '../engine/http/respond';

/** What the contract over HTTP uses of the engine: its procedures and its log. */
export type RpcEngine = Pick<HttpEngine, 'handlers' | 'log'>;

/** POST /rpc/<procedure>: the HTTP adapter of the contract, the same loop as the Electron IPC adapter. */
export async function handleRpc(
  engine: RpcEngine,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(
      res,
      405,
      { ok: false, error: { code: 'invalid_input', message: 'use POST', issues: [] } },
      { allow: 'POST' },
    );
    return;
  }
  const body = await readJson(req);
  if (!body.ok) {
    sendJson(res, body.status, {
      ok: false,
      error: { code: 'invalid_input', message: body.message, issues: [] },
    });
    return;
  }
  const envelope = await dispatch(engine.handlers, name, body.value, (n, err) =>
    engine.log.error(`procedure ${n} failed`, { error: (err as Error)?.stack ?? String(err) }),
  );
  sendJson(res, 200, envelope);
}
