import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from './fast-metrics';
import { cells, grid } from './handles';
import { createMetrics } from './registry';
import { resetCounters } from './metrics-snapshot';

const counter = (r: Registry, labelNames: string[]) =>
  new FastCounter({ name: 'x_total', help: 'x', labelNames, registers: [r] });

describe('metric handles', () => {
  it('are the metric’s own children, resolved once: of() gives the same cell for a known value', () => {
    const c = counter(new Registry(), ['status']);
    const h = cells(c, 'status', ['accept', 'reject']);
    expect(h.accept).toBe(c.labels({ status: 'accept' }));
    expect(h.of('accept')).toBe(h.accept);
    expect(h.of('other')).toBe(c.labels({ status: 'other' }));
    expect(h.of('constructor')).toBe(c.labels({ status: 'constructor' })); // not Object.prototype's
  });

  it('add no series until something is counted, and count into the exposition text', async () => {
    const r = new Registry();
    const c = counter(r, ['status', 'type']);
    const g = grid(c, ['status', 'type'], ['pass', 'fail'], ['pap', 'chap']);
    expect(await r.metrics()).not.toContain('x_total{');
    g.pass.pap.inc();
    g.of('error', 'ascii').inc(2);
    const text = await r.metrics();
    expect(text).toContain('x_total{status="pass",type="pap"} 1');
    expect(text).toContain('x_total{status="error",type="ascii"} 2');
    expect(text).not.toContain('type="chap"');
  });

  it('survive a reset: the handle the server holds counts from zero again', async () => {
    const m = createMetrics({ processMetrics: false });
    m.radius.auth.accept.inc(3);
    m.radius.duration['Access-Request'].observe(0.001);
    resetCounters(m.registry);
    expect(await m.registry.metrics()).not.toContain('radius_auth_requests_total{');
    m.radius.auth.accept.inc();
    const text = await m.registry.metrics();
    expect(text).toContain('radius_auth_requests_total{status="accept"} 1');
    expect(text).not.toContain('radius_request_duration_seconds_count');
  });

  it('refuse a value with a clear error only when the metric does (cold path)', () => {
    const h = new FastHistogram({ name: 'y', help: 'y', labelNames: ['code'], buckets: [1], registers: [] });
    expect(() => cells(h, 'kind', ['a'])).toThrow('label "code" is missing');
  });
});
