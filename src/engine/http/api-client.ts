import { dispatch } from '../../contract/dispatch';
import type { ApiContext } from './api-endpoints';
import { sendError } from './api-endpoints';
import { readJson, sendJson } from './respond';

/**
 * POST /api/client/radius and /api/client/tacacs: the Test client for automation (in the style of
 * opencoa-client's POST /coa): the same JSON input as the client.radius / client.tacacs procedures,
 * validated by the same schemas, and the same result with the decoded exchange. Each request and
 * reply lands in the lab's trace with role "client", like the UI's.
 */
export function clientRequest(name: 'client.radius' | 'client.tacacs' | 'client.eap') {
  return async ({ engine, req, res, who }: ApiContext): Promise<void> => {
    const body = await readJson(req);
    if (!body.ok) return sendError(res, 'invalid_input', body.message);
    engine.audit.append('api.client.request', { procedure: name, who }, who);
    const envelope = await dispatch(engine.handlers, name, body.value, (n, err) =>
      engine.log.error(`procedure ${n} failed`, { error: (err as Error)?.stack ?? String(err) }),
    );
    if (!envelope.ok)
      return sendError(res, envelope.error.code, envelope.error.message, envelope.error.issues);
    sendJson(res, 200, envelope.value);
  };
}
