import { useMemo } from 'react';
import { STATS_PROTOCOLS, type StatsProtocol } from '../../../../contract';
import { Badge, Panel, ScreenHead, stateTone } from '../../components/panel';
import { listenerLabel } from '../../lib/format';
import { usePersistent } from '../../lib/use-persistent';
import { useApp } from '../../store';
import { protocolSeries, RANGES, slots, totals, windowOf, type RangeId } from './chart-data';
import { useChartPalette } from './chart-palette';
import { ProtocolCharts } from './protocol-charts';

const LABELS: Record<StatsProtocol, string> = {
  tacacs: 'TACACS+',
  radiusAuth: 'RADIUS authentication',
  radiusAcct: 'RADIUS accounting',
  coa: 'CoA / Disconnect',
};

const isRange = (v: unknown): v is RangeId => RANGES.some((r) => r.id === v);

/**
 * Rates, results and latency per protocol from the engine's per-second aggregates: its last hour
 * (stats.history) when the page opens, then each 'stats.ticked'.
 */
export function DashboardScreen() {
  const ticks = useApp((s) => s.ticks);
  const services = useApp((s) => s.status?.services ?? []);
  const [rangeId, setRange] = usePersistent<RangeId>('dashboard.range', '5m', isRange);
  const range = RANGES.find((r) => r.id === rangeId) ?? RANGES[0];
  const palette = useChartPalette();
  const shown = useMemo(() => windowOf(ticks, range.seconds), [ticks, range.seconds]);
  const slotted = useMemo(() => slots(ticks, range.seconds), [ticks, range.seconds]);
  const t = totals(shown, STATS_PROTOCOLS);
  const last = ticks[ticks.length - 1];
  return (
    <div className="screen" data-testid="screen-dashboard">
      <ScreenHead title="Dashboard">
        <span className="range-choice" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              className="btn small"
              aria-pressed={r.id === range.id}
              onClick={() => setRange(r.id)}
            >
              {r.label}
            </button>
          ))}
        </span>
      </ScreenHead>
      <div className="cards">
        <Card k="Requests/s (now)" v={t.lastRate === undefined ? '—' : String(t.lastRate)} />
        <Card k={`Requests (${range.label})`} v={t.requests.toLocaleString()} />
        <Card
          k="Success rate"
          v={t.successRate === undefined ? '—' : `${(t.successRate * 100).toFixed(1)} %`}
        />
        <Card k={`Failures (${range.label})`} v={t.fail.toLocaleString()} />
        <Card k="Active connections" v={last ? String(last.activeConnections) : '—'} />
        <Card k="Dropped (last s)" v={last ? String(last.dropped) : '—'} />
      </div>
      {ticks.length === 0 && (
        <div className="empty">The engine closes its first second of statistics within a second.</div>
      )}
      <div className="dash-protocols">
        {STATS_PROTOCOLS.map((p) => {
          const pt = totals(shown, [p]);
          return (
            <Panel
              key={p}
              testId={`dash-${p}`}
              title={LABELS[p]}
              actions={
                <span className="meta" data-testid={`dash-${p}-summary`} data-requests={pt.requests}>
                  {pt.lastRate === undefined
                    ? 'not running'
                    : `${pt.lastRate}/s now · ${pt.requests.toLocaleString()} in ${range.label}`}
                </span>
              }
            >
              <ProtocolCharts points={protocolSeries(slotted, p)} palette={palette} />
            </Panel>
          );
        })}
      </div>
      <div className="dash-protocols">
        <Panel title="Server status" count={services.length} flush>
          {services.length === 0 && <div className="empty">No protocol services are running.</div>}
          <table className="grid">
            <tbody>
              {services.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>
                    <Badge tone={stateTone(s.state)}>{s.state}</Badge>
                  </td>
                  <td className="mono">{s.listeners.map(listenerLabel).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}

function Card({ k, v }: { k: string; v: string }) {
  return (
    <div className="card">
      <div className="k">{k}</div>
      <div className="v">{v}</div>
    </div>
  );
}
