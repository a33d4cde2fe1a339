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
import type { ChartPalette } from './chart-palette';
import { clock, type ProtocolPoint } from './chart-data';

const tooltipStyle = {
  contentStyle: {
    background: 'var(--panel)',
    border: '1px solid var(--line-strong)',
    color: 'var(--ink)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--muted)' },
};

const noData = (v: unknown) => (v === null || v === undefined ? 'no data' : String(v));

/**
 * One protocol's charts on its own scales: requests/s by result (stacked) and reply latency, p50
 * solid and p99 dashed in another colour. Null points are gaps (no running service, no samples).
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
  return (
    <div className="protocol-charts">
      <div>
        <h3>Requests/s by result</h3>
        <div className="chart" data-testid="chart-requests">
          <ResponsiveContainer>
            <AreaChart data={points}>
              {grid}
              {x}
              <YAxis tick={axis} stroke={palette.grid} allowDecimals={false} width={44} />
              {tooltip}
              <Legend itemSorter={null} />
              {(
                [
                  ['pass', 'pass', palette.pass, palette.passFill],
                  ['fail', 'fail', palette.fail, palette.failFill],
                  ['other', 'other', palette.other, palette.otherFill],
                ] as const
              ).map(([key, name, stroke, fill]) => (
                <Area
                  key={key}
                  type="linear"
                  dataKey={key}
                  name={name}
                  stackId="1"
                  stroke={stroke}
                  fill={fill}
                  strokeWidth={1.5}
                  fillOpacity={0.9}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
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
              <Legend itemSorter={null} />
              <Line
                dataKey="p50"
                name="p50"
                stroke={palette.p50}
                strokeWidth={1.5}
                legendType="plainline"
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="p99"
                name="p99"
                stroke={palette.p99}
                strokeWidth={1.5}
                strokeDasharray="5 3"
                legendType="plainline"
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
