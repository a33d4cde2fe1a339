import { dispatch } from '../../contract/dispatch';
import type { ApiContext } from './api-endpoints';
import { sendError } from './api-endpoints';
import { readJson, sendJson } from './respond';

/** GET /api/backends: the chain in order, each with its health (backends.health). */
export async function getBackends({ engine, res }: ApiContext): Promise<void> {
  sendJson(res, 200, await engine.handlers['backends.health']({}));
}

/** POST /api/backends/check: check now, `{"backend": name}` for one or an empty body for all (backends.check). */
export async function postBackendsCheck({ engine, req, res }: ApiContext): Promise<void> {
  const body = await readJson(req);
  if (!body.ok) return sendError(res, 'invalid_input', body.message);
  const envelope = await dispatch(engine.handlers, 'backends.check', body.value, (n, err) =>
    engine.log.error(`procedure ${n} failed`, { error: (err as Error)?.stack ?? String(err) }),
  );
  if (!envelope.ok) return sendError(res, envelope.error.code, envelope.error.message, envelope.error.issues);
  sendJson(res, 200, envelope.value);
}
