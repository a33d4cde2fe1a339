import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Badge, Panel, ScreenHead, stateTone } from '../../components/panel';
import { listenerLabel } from '../../lib/format';
import { useApp } from '../../store';
import { toChartPoints, totals } from './chart-data';

const axis = { fontSize: 11, fill: '#5d6678' };

/** Rates, pass/fail and latency from the engine's per-second 'stats.ticked' aggregates. */
export function DashboardScreen() {
  const ticks = useApp((s) => s.ticks);
  const services = useApp((s) => s.status?.services ?? []);
  const points = toChartPoints(ticks);
  const t = totals(ticks);
  const last = ticks[ticks.length - 1];
  return (
    <div className="screen" data-testid="screen-dashboard">
      <ScreenHead title="Dashboard">
        <span className="meta">last {ticks.length} s</span>
      </ScreenHead>
      <div className="cards">
        <Card k="Requests/s (now)" v={String(t.lastRate)} />
        <Card k="Requests (window)" v={String(t.requests)} />
        <Card
          k="Success rate"
          v={t.successRate === undefined ? '—' : `${(t.successRate * 100).toFixed(1)} %`}
        />
        <Card k="Failures (window)" v={String(t.fail)} />
        <Card k="Active connections" v={last ? String(last.activeConnections) : '—'} />
        <Card k="Dropped (last s)" v={last ? String(last.dropped) : '—'} />
      </div>
      {ticks.length === 0 && (
        <div className="placeholder">
          Waiting for the engine&apos;s first per-second statistics (stats.ticked).
        </div>
      )}
      <div className="cols-2">
        <Panel title="Requests per second">
          <div className="chart">
            <ResponsiveContainer>
              <LineChart data={points}>
                <CartesianGrid stroke="#eceef2" />
                <XAxis dataKey="label" tick={axis} minTickGap={40} />
                <YAxis tick={axis} allowDecimals={false} width={40} />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="tacacs"
                  name="TACACS+"
                  stroke="#2458c6"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="radius"
                  name="RADIUS"
                  stroke="#9a4fd0"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Pass / fail per second">
          <div className="chart">
            <ResponsiveContainer>
              <AreaChart data={points}>
                <CartesianGrid stroke="#eceef2" />
                <XAxis dataKey="label" tick={axis} minTickGap={40} />
                <YAxis tick={axis} allowDecimals={false} width={40} />
                <Tooltip />
                <Legend />
                <Area
                  type="monotone"
                  dataKey="pass"
                  stackId="1"
                  stroke="#1f7a3d"
                  fill="#bfe3ca"
                  isAnimationActive={false}
                />
                <Area
                  type="monotone"
                  dataKey="fail"
                  stackId="1"
                  stroke="#b3261e"
                  fill="#f1c4bf"
                  isAnimationActive={false}
                />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Latency (ms)">
          <div className="chart">
            <ResponsiveContainer>
              <LineChart data={points}>
                <CartesianGrid stroke="#eceef2" />
                <XAxis dataKey="label" tick={axis} minTickGap={40} />
                <YAxis tick={axis} width={40} />
                <Tooltip />
                <Legend />
                <Line
                  dataKey="tacacsP50"
                  name="TACACS+ p50"
                  stroke="#2458c6"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="tacacsP99"
                  name="TACACS+ p99"
                  stroke="#2458c6"
                  strokeDasharray="4 3"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="radiusP50"
                  name="RADIUS p50"
                  stroke="#9a4fd0"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="radiusP99"
                  name="RADIUS p99"
                  stroke="#9a4fd0"
                  strokeDasharray="4 3"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
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
