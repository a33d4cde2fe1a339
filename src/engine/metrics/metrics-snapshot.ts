import { Counter, Histogram, type Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-metrics';

/** What a snapshot reads: the registry and when the lab started. */
export interface SnapshotSource {
  readonly metrics: { readonly registry: Registry };
  status(): { startedAt?: number };
}

/** The registry as JSON for /api/stats and the Settings/Stats screen: every metric, every sample. */
export async function metricsSnapshot(engine: SnapshotSource) {
  const metrics = await engine.metrics.registry.getMetricsAsJSON();
  const startedAt = engine.status().startedAt;
  return {
    at: Date.now(),
    uptimeSeconds: startedAt ? (Date.now() - startedAt) / 1000 : 0,
    metrics: metrics.map((m) => ({
      name: m.name,
      help: m.help,
      type: String(m.type),
      values: (m.values ?? []).map((v) => ({
        labels: Object.fromEntries(
          Object.entries(v.labels ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined),
        ),
        value: Number.isFinite(v.value) ? v.value : 0,
        ...('metricName' in v && typeof v.metricName === 'string' ? { metricName: v.metricName } : {}),
      })),
    })),
  };
}

/**
 * Zeroes the lab's counters and histograms. Gauges (open connections, uptime) describe the present
 * and process metrics belong to the OS, so they are left alone.
 */
export function resetCounters(registry: Registry): void {
  for (const m of registry.getMetricsAsArray()) {
    if (m.name.startsWith('process_') || m.name.startsWith('nodejs_')) continue;
    const metric: unknown = registry.getSingleMetric(m.name);
    if (
      metric instanceof Counter ||
      metric instanceof Histogram ||
      metric instanceof FastCounter ||
      metric instanceof FastHistogram
    )
      metric.reset();
  }
}
