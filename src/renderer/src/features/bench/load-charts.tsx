import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  BarChart,
  Bar,
} from 'recharts';
import type { LoadTick } from '../../../../contract/load';
import { Panel } from '../../components/panel';

const axis = { fontSize: 11, fill: '#5d6678' };
const KIND_COLOURS = ['#c0392b', '#e67e22', '#8e44ad', '#7f8c8d', '#d35400', '#2c3e50'];

/** Per-second points for the charts: requests/s, latency percentiles, errors by kind. */
export function chartPoints(ticks: readonly LoadTick[]) {
  return ticks.map((t) => ({
    second: t.second + 1,
    'req/s': t.ok + Object.values(t.errors).reduce((a, b) => a + b, 0),
    p50: round(t.p50Ms),
    p90: round(t.p90Ms),
    p99: round(t.p99Ms),
    ...t.errors,
  }));
}
const round = (n: number) => Math.round(n * 100) / 100;

export function LoadCharts({ ticks }: { ticks: readonly LoadTick[] }) {
  const points = chartPoints(ticks);
  const kinds = [...new Set(ticks.flatMap((t) => Object.keys(t.errors)))];
  return (
    <div className="cols-2" data-testid="load-charts">
      <Panel title="Requests per second">
        <div className="chart">
          <ResponsiveContainer>
            <LineChart data={points}>
              <CartesianGrid stroke="#eceef2" />
              <XAxis dataKey="second" tick={axis} />
              <YAxis tick={axis} width={56} />
              <Tooltip />
              <Line type="monotone" dataKey="req/s" stroke="#2f6fde" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Panel>
      <Panel title="Latency (ms)">
        <div className="chart">
          <ResponsiveContainer>
            <LineChart data={points}>
              <CartesianGrid stroke="#eceef2" />
              <XAxis dataKey="second" tick={axis} />
              <YAxis tick={axis} width={48} />
              <Tooltip />
              <Legend />
              <Line type="monotone" dataKey="p50" stroke="#27ae60" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="p90" stroke="#f39c12" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="p99" stroke="#c0392b" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Panel>
      {kinds.length > 0 && (
        <Panel title="Errors by kind">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={points}>
                <CartesianGrid stroke="#eceef2" />
                <XAxis dataKey="second" tick={axis} />
                <YAxis tick={axis} width={48} allowDecimals={false} />
                <Tooltip />
                <Legend />
                {kinds.map((k, i) => (
                  <Bar
                    key={k}
                    dataKey={k}
                    stackId="e"
                    fill={KIND_COLOURS[i % KIND_COLOURS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
      )}
    </div>
  );
}
