import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics';
import { cells, grid } from './handles';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Every metric the engine exposes, one registry per engine so tests and several engines in one
 * process do not collide. Names are the contract with resources/grafana/aaa-lab.json. Counters and
 * histograms touched per packet are FastCounter/FastHistogram (fast-metrics.ts), in the same
 * registry and text format.
 */
export function createMetrics(opts: { processMetrics?: boolean } = {}) {
  const m = metricFamilies(opts);
  return { ...m, ...handles(m) };
}

/** The label values the servers count by (the Grafana dashboard's series), resolved up front. */
const ACCOUNTING = ['start', 'stop', 'watchdog', 'interim', 'on', 'off', 'other'] as const;
const PASS_FAIL = ['pass', 'fail', 'error'] as const;
const AUTHEN_TYPES = ['ascii', 'pap', 'chap', 'arap', 'mschap', 'mschapv2', 'unknown'] as const;

/**
 * The children the per-packet paths count in, one handle per label value, built with the
 * registry: `metrics.radius.auth.accept.inc()` is a property read and an add.
 */
function handles(m: ReturnType<typeof metricFamilies>) {
  return {
    radius: {
      auth: cells(m.radiusAuth, 'status', ['accept', 'reject', 'challenge', 'dropped']),
      acct: cells(m.radiusAcct, 'type', ACCOUNTING),
      dropped: cells(m.radiusDropped, 'reason', ['malformed', 'duplicate', 'unknown-client']),
      duration: cells(m.radiusDuration, 'code', ['Access-Request', 'Accounting-Request', 'Status-Server']),
    },
    tacacs: {
      auth: grid(m.tacacsAuth, ['status', 'type'], PASS_FAIL, AUTHEN_TYPES),
      author: cells(m.tacacsAuthor, 'status', PASS_FAIL),
      acct: cells(m.tacacsAcct, 'status', [...ACCOUNTING, 'invalid', 'error']),
      duration: cells(m.tacacsDuration, 'kind', ['authen', 'author', 'acct']),
    },
    eap: {
      conversations: grid(m.eapConversations, ['result', 'method'], ['accept', 'reject'], []),
      dropped: cells(m.eapDropped, 'reason', [
        'round-timeout',
        'lifetime',
        'evicted-total',
        'evicted-device',
      ]),
    },
  };
}

/** Interval of the event-loop delay samples behind nodejs_eventloop_lag_* (ms). */
export const EVENT_LOOP_SAMPLE_MS = 100;

function metricFamilies(opts: { processMetrics?: boolean }) {
  const registry = new Registry();
  // prom-client samples the event-loop delay with a libuv timer every `eventLoopMonitoringPrecision`
  // ms: its default 10 woke an idle lab 100 times a second (13 ms of CPU per second doing nothing,
  // on a laptop). Ten samples a second still catch any stall worth a lag figure.
  if (opts.processMetrics ?? true)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  const registers = [registry];
  return {
    registry,
    tacacsAuth: new FastCounter({
      name: 'tacacs_auth_requests_total',
      help: 'TACACS+ authentication requests by final status and authen type',
      labelNames: ['status', 'type'] as const,
      registers,
    }),
    tacacsAuthor: new FastCounter({
      name: 'tacacs_author_requests_total',
      help: 'TACACS+ authorization requests by status',
      labelNames: ['status'] as const,
      registers,
    }),
    tacacsAcct: new FastCounter({
      name: 'tacacs_acct_records_total',
      help: 'TACACS+ accounting records by status',
      labelNames: ['status'] as const,
      registers,
    }),
    tacacsConnections: new Gauge({
      name: 'tacacs_active_connections',
      help: 'Open TACACS+ connections (TCP and TLS)',
      registers,
    }),
    tacacsUptime: new Gauge({
      name: 'tacacs_server_uptime_seconds',
      help: 'Seconds since the TACACS+ server started',
      registers,
    }),
    tacacsDuration: new FastHistogram({
      name: 'tacacs_request_duration_seconds',
      help: 'TACACS+ request handling time',
      labelNames: ['kind'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    radiusAuth: new FastCounter({
      name: 'radius_auth_requests_total',
      help: 'RADIUS Access-Requests by outcome',
      labelNames: ['status'] as const,
      registers,
    }),
    radiusAcct: new FastCounter({
      name: 'radius_acct_requests_total',
      help: 'RADIUS Accounting-Requests by Acct-Status-Type',
      labelNames: ['type'] as const,
      registers,
    }),
    radiusDropped: new FastCounter({
      name: 'radius_packets_dropped_total',
      help: 'RADIUS packets dropped, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    eapConversations: new FastCounter({
      name: 'eap_conversations_total',
      help: 'EAP conversations that ended, by result (accept, reject) and method',
      labelNames: ['result', 'method'] as const,
      registers,
    }),
    eapDropped: new FastCounter({
      name: 'eap_conversations_dropped_total',
      help: 'EAP conversations dropped before they ended, by reason (round-timeout, lifetime, evicted-*)',
      labelNames: ['reason'] as const,
      registers,
    }),
    radiusCoa: new FastCounter({
      name: 'radius_coa_requests_total',
      help: 'CoA/Disconnect requests handled by the responder',
      labelNames: ['code', 'result'] as const,
      registers,
    }),
    radiusDuration: new FastHistogram({
      name: 'radius_request_duration_seconds',
      help: 'RADIUS request handling time',
      labelNames: ['code'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    traceRecords: new FastCounter({
      name: 'aaa_lab_trace_records_total',
      help: 'Packets recorded in the trace',
      labelNames: ['protocol', 'direction'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
export type AuthenTypeLabel = (typeof AUTHEN_TYPES)[number];
