import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/fixtures';
import { createMetrics } from './registry';

interface Panel {
  title: string;
  targets?: Array<{ expr: string }>;
}

describe('resources/grafana/aaa-lab.json', () => {
  const dash = JSON.parse(readFileSync(join(repoRoot, 'resources/grafana/aaa-lab.json'), 'utf8')) as {
    panels: Panel[];
    uid: string;
  };

  it('queries only metric names the engine exposes (the names are the contract)', async () => {
    const exposed = new Set((await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set<string>();
    for (const p of dash.panels) {
      for (const t of p.targets ?? []) {
        // Identifiers directly followed by a selector `{` are metric names (functions take `(`).
        for (const m of t.expr.matchAll(/([a-z_:][a-z0-9_:]*)\{/g))
          used.add(m[1]!.replace(/_(bucket|sum|count)$/, ''));
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const name of used) expect(exposed.has(name), name).toBe(true);
  });

  it('has the panels the issue asks for', () => {
    const titles = dash.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const want of [
      'authentication rate',
      'success rate',
      'active tacacs+ connections',
      'uptime',
      'latency',
    ])
      expect(titles).toContain(want);
    const quantiles = dash.panels
      .flatMap((p) => p.targets ?? [])
      .filter((t) => t.expr.startsWith('histogram_quantile('));
    expect(quantiles.length).toBeGreaterThanOrEqual(6);
  });
});
