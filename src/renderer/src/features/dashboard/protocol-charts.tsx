import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartPalette } from './chart-palette';
import { clock, isLone, type ProtocolPoint } from './chart-data';

const tooltipStyle = {
  contentStyle: {
    background: 'var(--panel)',
    border: '1px solid var(--line-strong)',
    color: 'var(--ink)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--muted)' },
};

/** Legend text in the theme's ink; the icon carries the series colour. */
const legendText = (name: string) => <span className="chart-legend-text">{name}</span>;

const noData = (v: unknown) => (v === null || v === undefined ? 'no data' : String(v));

type Key = 'total' | 'p50' | 'p99';

/** Recharts' dot: drawn only for a point between gaps (a lone second has no segment to show it). */
function loneDot(points: readonly ProtocolPoint[], key: Key, colour: string) {
  function LoneDot({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) {
    const i = index ?? -1;
    if (cx === undefined || cy === undefined || !isLone(points, i, key)) return <g key={i} />;
    return <circle key={i} cx={cx} cy={cy} r={2.5} fill={colour} stroke="none" />;
  }
  return LoneDot;
}

/**
 * One protocol's charts on its own scales: requests/s by result (stacked, outlined by the total) and
 * reply latency, p50 solid and p99 dashed in another colour. Null points are gaps (no running
 * service, no samples); a running idle service is a line along 0.
 */
export function ProtocolCharts({ points, palette }: { points: ProtocolPoint[]; palette: ChartPalette }) {
  const axis = { fontSize: 11, fill: palette.axis };
  // No x-axis line: a running service's zero rate is drawn along 0, where a gap has nothing.
  const x = (
    <XAxis
      dataKey="at"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      tickFormatter={clock}
      tick={axis}
      stroke={palette.grid}
      axisLine={false}
      minTickGap={40}
    />
  );
  const grid = <CartesianGrid stroke={palette.grid} />;
  const tooltip = (
    <Tooltip
      {...tooltipStyle}
      cursor={{ stroke: palette.axis }}
      labelFormatter={(at) => clock(Number(at))}
      formatter={noData}
    />
  );
  const line = (key: Key, colour: string, dash?: string) => (
    <Line
      dataKey={key}
      name={key}
      stroke={colour}
      strokeWidth={1.5}
      strokeDasharray={dash}
      legendType="plainline"
      dot={loneDot(points, key, colour)}
      activeDot={{ r: 3 }}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
  return (
    <div className="protocol-charts">
      <div>
        <h3>Requests/s by result</h3>
        <div className="chart" data-testid="chart-requests">
          <ResponsiveContainer>
            <ComposedChart data={points}>
              {grid}
              {x}
              <YAxis tick={axis} stroke={palette.grid} allowDecimals={false} width={44} />
              {tooltip}
              <Legend itemSorter={null} formatter={legendText} />
              {(
                [
                  ['pass', palette.passFill],
                  ['fail', palette.failFill],
                  ['other', palette.otherFill],
                ] as const
              ).map(([key, fill]) => (
                <Area
                  key={key}
                  type="linear"
                  dataKey={key}
                  name={key}
                  stackId="1"
                  stroke="none"
                  fill={fill}
                  fillOpacity={1}
                  legendType="square"
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
              {line('total', palette.total)}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <h3>Latency (ms)</h3>
        <div className="chart" data-testid="chart-latency">
          <ResponsiveContainer>
            <LineChart data={points}>
              {grid}
              {x}
              <YAxis tick={axis} stroke={palette.grid} width={44} />
              {tooltip}
              <Legend itemSorter={null} formatter={legendText} />
              {line('p50', palette.p50)}
              {line('p99', palette.p99, '5 3')}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
