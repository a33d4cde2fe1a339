import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram } from './fast-metrics';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The same series through prom-client and through ours must print the same exposition text. */
async function both(
  feed: (c: { inc(l: object, n?: number): void }, h: { observe(l: object, v: number): void }) => void,
) {
  const a = new Registry();
  const b = new Registry();
  const spec = { name: 'x_total', help: 'x', labelNames: ['status', 'type'] as const };
  const hspec = { name: 'x_seconds', help: 'x', labelNames: ['code'] as const, buckets: BUCKETS };
  const pc = new Counter({ ...spec, registers: [a] });
  const ph = new Histogram({ ...hspec, registers: [a] });
  const fc = new FastCounter({ ...spec, registers: [b] });
  const fh = new FastHistogram({ ...hspec, registers: [b] });
  feed(
    { inc: (l, n) => (pc.inc(l as never, n), fc.inc(l as never, n)) },
    { observe: (l, v) => (ph.observe(l as never, v), fh.observe(l as never, v)) },
  );
  return { prom: await a.metrics(), fast: await b.metrics(), fc, fh, b };
}

describe('FastCounter / FastHistogram', () => {
  it('expose exactly what prom-client exposes for the same observations', async () => {
    const { prom, fast } = await both((c, h) => {
      c.inc({ status: 'pass', type: 'pap' });
      c.inc({ status: 'pass', type: 'pap' }, 4);
      c.inc({ status: 'fail', type: 'chap' }, 2);
      for (const v of [0, 0.0004, 0.0005, 0.0007, 0.003, 0.2, 1, 4.9, 5, 7.5, 120])
        h.observe({ code: 'Access-Request' }, v);
      h.observe({ code: 'Accounting-Request' }, 0.01);
    });
    expect(fast).toBe(prom);
  });

  it('children are cells the hot path keeps; reset zeroes them in place', async () => {
    const { fc, fh, b } = await both(() => {});
    const c = fc.labels({ status: 'pass', type: 'pap' });
    const h = fh.labels({ code: 'Access-Request' });
    c.inc(2);
    h.observe(0.002);
    expect(fc.labels({ status: 'pass', type: 'pap' })).toBe(c);
    fc.reset();
    fh.reset();
    c.inc();
    h.observe(0.002);
    const text = await b.metrics();
    expect(text).toContain('x_total{status="pass",type="pap"} 1');
    expect(text).toContain('x_seconds_count{code="Access-Request"} 1');
  });

  it('refuses missing or unknown labels and bad values with a clear error', () => {
    const { fc, fh } = {
      fc: new FastCounter({ name: 'y', help: 'y', labelNames: ['status'], registers: [] }),
      fh: new FastHistogram({ name: 'z', help: 'z', buckets: [1], registers: [] }),
    };
    expect(() => fc.labels({})).toThrow('metric y: label "status" is missing');
    expect(() => fc.labels({ status: 'a', other: 'b' } as never)).toThrow(
      'label "other" is not one of status',
    );
    expect(() => fc.labels({ status: 'a' }).inc(-1)).toThrow(RangeError);
    expect(() => fh.observe(Number.NaN)).toThrow(RangeError);
  });
});
