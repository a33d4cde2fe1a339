import { z } from 'zod';
import { backendsCheckInputSchema, backendsHealthOutputSchema } from '../../contract/backends';
import { errorSchema } from '../../contract/envelope';
import { labStatusSchema } from '../../contract/schemas';
import {
  accountingQueryOutputSchema,
  sessionsListOutputSchema,
  statsGetOutputSchema,
} from '../../contract/observability';
import {
  radiusRequestSchema,
  radiusResultSchema,
  tacacsRequestSchema,
  tacacsResultSchema,
} from '../../contract/test-client';
import { eapRequestSchema, eapResultSchema } from '../../contract/test-client-eap';
import { traceListOutputSchema } from '../../contract/trace';
import { apiRoutes } from './api-routes';

type Param = [name: string, schema: Record<string, unknown>, description: string];

const str = { type: 'string' };
const int = { type: 'integer' };
const time = { oneOf: [{ type: 'integer' }, { type: 'string', format: 'date-time' }] };
const list = (values: string[]) => ({ type: 'array', items: { type: 'string', enum: values } });

const accountingParams: Param[] = [
  ['from', time, 'records received at or after (ms since the epoch or ISO 8601)'],
  ['to', time, 'records received at or before'],
  ['user', str, 'username, exact'],
  ['device', str, 'device name, exact'],
  ['command', str, 'substring of the command line (TACACS+ command accounting)'],
  [
    'status',
    { type: 'string', enum: ['start', 'stop', 'watchdog', 'interim', 'on', 'off', 'other'] },
    'record type',
  ],
  ['protocol', { type: 'string', enum: ['tacacs', 'radius'] }, 'protocol'],
  ['sessionId', str, 'TACACS+ task_id or RADIUS Acct-Session-Id'],
  ['cursor', int, "the previous page's nextCursor"],
  ['limit', { ...int, minimum: 1, maximum: 5000, default: 200 }, 'page size (JSON page only)'],
  [
    'format',
    { type: 'string', enum: ['json', 'csv', 'ndjson', 'tacplus'] },
    'stream every matching record (oldest first) in this format instead of a page; X-Total-Count gives the count',
  ],
];

const traceParams: Param[] = [
  ['protocol', list(['tacacs', 'radius', 'radius-acct', 'coa', 'radsec']), 'comma-separated or repeated'],
  ['result', list(['pass', 'fail', 'error', 'drop', 'info']), 'comma-separated or repeated'],
  ['device', str, 'device name, exact'],
  ['user', str, 'username, exact'],
  ['text', str, 'substring of summary, diagnosis, remote address or user'],
  ['sessionId', str, 'TACACS+ session_id (0x…) or RADIUS id=N'],
  ['from', time, 'packets at or after (ms since the epoch or ISO 8601)'],
  ['to', time, 'packets at or before'],
  ['before', int, 'rows with a smaller id (paging, newest first)'],
  ['limit', { ...int, minimum: 1, maximum: 5000, default: 500 }, 'page size (JSON page only)'],
  ['ids', { type: 'array', items: int }, 'export only these record ids'],
  [
    'format',
    { type: 'string', enum: ['pcap', 'csv', 'ndjson', 'json', 'tls-keylog'] },
    'export the matching records still in the ring. pcap: `tshark -r f.pcap -o tacplus.key:SECRET -d tcp.port==14949,tacplus -o radius.shared_secret:SECRET -d udp.port==21812,radius`. tls-keylog: the TLS key log (NSS format) of the EAP tunnels among the same records, to save beside the pcap for `-o tls.keylog_file:f.pcap.keys` (key material: a secret)',
  ],
];

const sessionParams: Param[] = [
  [
    'state',
    { type: 'string', enum: ['open', 'recent', 'all'], default: 'recent' },
    'open: not stopped; recent: open or stopped within recentMs',
  ],
  ['recentMs', { ...int, default: 900000 }, 'window for state=recent'],
  ['user', str, 'username'],
  ['device', str, 'device name'],
  ['protocol', { type: 'string', enum: ['tacacs', 'radius'] }, 'protocol'],
  ['limit', { ...int, default: 1000 }, 'maximum sessions'],
];

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) },
});

const responses: Record<string, Record<string, unknown>> = {
  'GET /api/health': {
    content: {
      'application/json': {
        schema: { type: 'object', properties: { status: str, state: str, startedAt: int } },
      },
    },
  },
  'GET /metrics': { content: { 'text/plain; version=0.0.4': { schema: str } } },
  'GET /api/openapi.json': { content: { 'application/json': { schema: { type: 'object' } } } },
  'GET /api/status': { content: json(labStatusSchema) },
  'GET /api/stats': { content: json(statsGetOutputSchema) },
  'GET /api/backends': { content: json(backendsHealthOutputSchema) },
  'POST /api/backends/check': { content: json(backendsHealthOutputSchema) },
  'GET /api/sessions': { content: json(sessionsListOutputSchema) },
  'GET /api/accounting': {
    content: {
      ...json(accountingQueryOutputSchema),
      'text/csv': { schema: str },
      'application/x-ndjson': { schema: str },
      'text/plain': { schema: str, description: 'tac_plus accounting log' },
    },
  },
  'GET /api/trace': {
    content: {
      ...json(traceListOutputSchema),
      'application/vnd.tcpdump.pcap': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: str },
      'application/x-ndjson': { schema: str },
    },
  },
  'GET /api/docs': { content: { 'text/html': { schema: str } } },
  'GET /api/audit': {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            entries: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: int, time: int, event: str, actor: str, details: { type: 'object' } },
              },
            },
            total: int,
            nextCursor: int,
          },
        },
      },
      'text/csv': { schema: str },
    },
  },
  'POST /api/client/radius': { content: json(radiusResultSchema) },
  'POST /api/client/tacacs': { content: json(tacacsResultSchema) },
  'POST /api/client/eap': { content: json(eapResultSchema) },
  'POST /api/admin/reload-config': { content: json(labStatusSchema) },
  'POST /api/admin/reset-stats': {
    content: {
      'application/json': { schema: { type: 'object', properties: { reset: { type: 'boolean' } } } },
    },
  },
};

/** Request bodies: the procedures' input schemas (input side: defaults are optional). */
const input = (schema: z.ZodType, example: unknown) => ({
  required: true,
  content: {
    'application/json': {
      schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }),
      example,
    },
  },
});
const bodies: Record<string, Record<string, unknown>> = {
  'POST /api/backends/check': {
    ...input(backendsCheckInputSchema, { backend: 'lab-directory' }),
    required: false,
  },
  'POST /api/client/eap': input(eapRequestSchema, {
    host: '127.0.0.1',
    port: 21812,
    secret: 'testing123',
    method: 'peap',
    user: 'alice',
    password: 'alice-pass',
    serverName: 'localhost',
  }),
  'POST /api/client/radius': input(radiusRequestSchema, {
    code: 'auth',
    host: '127.0.0.1',
    port: 21812,
    secret: 'testing123',
    user: 'alice',
    password: 'alice-pass',
  }),
  'POST /api/client/tacacs': input(tacacsRequestSchema, {
    op: 'authenticate',
    host: '127.0.0.1',
    port: 14949,
    secret: 'testing123',
    user: 'alice',
    password: 'alice-pass',
    type: 'pap',
  }),
};

const auditParams: Param[] = [
  ['from', time, 'entries at or after (ms since the epoch or ISO 8601)'],
  ['to', time, 'entries at or before'],
  [
    'event',
    list(['admin.', 'config.', 'export.', 'stats.reset', 'api.']),
    'event names or prefixes ending in "."; comma-separated or repeated',
  ],
  ['actor', str, 'who (admin e-mail or user), exact'],
  ['text', str, 'substring of the details or actor'],
  ['cursor', int, "the previous page's nextCursor"],
  ['limit', { ...int, minimum: 1, maximum: 5000, default: 200 }, 'page size'],
  [
    'format',
    { type: 'string', enum: ['json', 'csv'] },
    'csv: the page as CSV (X-Total-Count gives the total)',
  ],
];

const params: Record<string, Param[]> = {
  '/api/audit': auditParams,
  '/api/accounting': accountingParams,
  '/api/trace': traceParams,
  '/api/sessions': sessionParams,
};

let cached: unknown;

/** OpenAPI 3.1 (JSON Schema 2020-12 schemas, generated from the contract's zod schemas). */
export function openApiDocument(version = '0.1.0'): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of apiRoutes) {
    const key = `${r.method} ${r.path}`;
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      operationId: key.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, ''),
      ...(r.auth ? {} : { security: [] }),
      ...(bodies[key] ? { requestBody: bodies[key] } : {}),
      parameters: (params[r.path] ?? []).map(([name, schema, description]) => ({
        name,
        in: 'query',
        required: false,
        description,
        schema,
        ...(schema.type === 'array' ? { style: 'form', explode: false } : {}),
      })),
      responses: {
        200: { description: 'OK', ...responses[key] },
        ...(r.auth
          ? {
              401: {
                description: 'No or wrong credentials',
                content: json(z.object({ ok: z.literal(false), error: errorSchema })),
              },
            }
          : {}),
        ...(r.path === '/api/accounting' ||
        r.path === '/api/audit' ||
        r.path === '/api/trace' ||
        r.path === '/api/sessions' ||
        bodies[key]
          ? {
              400: {
                description: 'Invalid query parameters or request body (the issues name each field)',
                content: json(z.object({ ok: z.literal(false), error: errorSchema })),
              },
            }
          : {}),
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'AAA Lab REST API',
      version,
      description:
        "Status, counters, sessions, accounting and packet-trace exports of a running AAA Lab, and its test client (RADIUS and TACACS+ requests to any server). /rpc/* is the UI's private transport and is not part of this API: it refuses the API token.",
    },
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: "the lab file's web.apiToken" },
        uiToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-aaa-lab-token',
          description: 'the per-run token `aaa-lab serve` prints in its URL',
        },
      },
    },
    security: [{ apiToken: [] }, { uiToken: [] }],
    paths,
  };
  return cached;
}
