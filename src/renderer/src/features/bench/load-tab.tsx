import { useEffect, useState, type FormEvent } from 'react';
import type { LoadPlanInput, LoadSummary, LoadTick } from '../../../../contract/load';
import { labApi } from '../../api';
import { SelectField } from '../../components/edit/fields';
import { TextField } from '../../components/edit/text-field';
import { Note, Panel } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { useApp } from '../../store';
import { LoadCharts } from './load-charts';
import { saveText } from '../../lib/download';

interface Form {
  protocol: 'tacacs' | 'radius';
  host: string;
  port: string;
  secret: string;
  op: string;
  method: string;
  connection: 'single' | 'new';
  users: string;
  password: string;
  rate: string;
  concurrency: string;
  duration: string;
  count: string;
  rampUp: string;
  wrong: string;
}

const PROTOCOLS = ['radius', 'tacacs'] as const;
const CONNECTIONS = ['single', 'new'] as const;

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || /^127\./.test(h);

/** Load runs from the engine (worker threads), live per-second charts, the summary and a CSV. */
export function LoadTab() {
  // Select the status object itself: a selector building a new array each time re-renders forever.
  const status = useApp((s) => s.status);
  const listeners = status?.services.flatMap((x) => x.listeners) ?? [];
  const portOf = (svc: string, d: number) => String(listeners.find((l) => l.service === svc)?.port ?? d);
  const [f, setF] = useState<Form>(() => ({
    protocol: 'radius',
    host: '127.0.0.1',
    port: portOf('radius-auth', 1812),
    secret: '',
    op: 'auth',
    method: 'pap',
    connection: 'single',
    users: 'alice',
    password: '',
    rate: '0',
    concurrency: '64',
    duration: '10',
    count: '',
    rampUp: '0',
    wrong: '0',
  }));
  const [id, setId] = useState<string>();
  const [ticks, setTicks] = useState<LoadTick[]>([]);
  const [summary, setSummary] = useState<LoadSummary>();
  const [error, setError] = useState<string>();
  const running = id !== undefined && !summary;

  useEffect(() => {
    void labApi.load.status().then((s) => {
      if (!s) return;
      setId(s.id);
      setTicks(s.ticks);
      setSummary(s.summary);
    });
    const off1 = labApi.on('load.ticked', (e) => setTicks((t) => [...t, e.tick]));
    const off2 = labApi.on('load.finished', (e) => setSummary(e.summary));
    return () => (off1(), off2());
  }, []);

  // While a run goes on, its status is also polled: a summary must show even if the
  // load.finished event was missed (event link reconnecting, a run started from another window).
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => {
      void labApi.load.status().then((s) => {
        if (s?.id === id && s.summary) setSummary(s.summary);
      });
    }, 1000);
    return () => clearInterval(t);
  }, [running, id]);

  const patch = (p: Partial<Form>) => setF((x) => ({ ...x, ...p }));
  const onProtocol = (protocol: Form['protocol']) =>
    patch(
      protocol === 'tacacs'
        ? { protocol, op: 'authenticate', method: 'pap', port: portOf('tacacs', 49) }
        : { protocol, op: 'auth', method: 'pap', port: portOf('radius-auth', 1812) },
    );

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const confirm =
      isLoopback(f.host.trim()) ||
      window.confirm(
        `Send load to ${f.host}? It is not on this machine: make sure you are allowed to load it.`,
      );
    if (!confirm) return;
    const plan: LoadPlanInput = {
      protocol: f.protocol,
      host: f.host.trim(),
      port: Number(f.port),
      secret: f.secret,
      op: f.op as LoadPlanInput['op'],
      method: f.method as LoadPlanInput['method'],
      connection: f.connection,
      users: f.users.split(/[\s,]+/).filter(Boolean),
      password: f.password,
      rate: Number(f.rate) || 0,
      concurrency: Number(f.concurrency),
      duration: Number(f.duration),
      count: f.count ? Number(f.count) : undefined,
      rampUp: Number(f.rampUp) || 0,
      wrongPasswordRatio: (Number(f.wrong) || 0) / 100,
      confirm: true,
    };
    try {
      setTicks([]);
      setSummary(undefined);
      setId((await labApi.load.start(plan)).id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const ops = f.protocol === 'tacacs' ? ['authenticate', 'authorize', 'account'] : ['auth', 'acct'];
  const methods = f.protocol === 'tacacs' ? ['pap', 'chap', 'ascii'] : ['pap', 'chap', 'mschapv2'];
  const text = (
    k: Exclude<keyof Form, 'protocol' | 'connection'>,
    label: string,
    type?: 'number' | 'password',
  ) => <TextField label={label} type={type} value={f[k]} onChange={(v) => patch({ [k]: v })} />;

  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <Panel title="Load run">
        <form onSubmit={(e) => void start(e)} style={{ display: 'grid', gap: 8 }}>
          <div className="form-row">
            <SelectField label="Protocol" value={f.protocol} options={PROTOCOLS} onChange={onProtocol} />
            <SelectField label="Operation" value={f.op} options={ops} onChange={(op) => patch({ op })} />
            <SelectField
              label="Method"
              value={f.method}
              options={methods}
              onChange={(method) => patch({ method })}
            />
            {f.protocol === 'tacacs' && (
              <SelectField
                label="Connection"
                value={f.connection}
                options={CONNECTIONS}
                onChange={(connection) => patch({ connection })}
              />
            )}
            {text('host', 'Host')}
            {text('port', 'Port', 'number')}
            <TextField
              label="Shared secret"
              type="password"
              value={f.secret}
              testId="load-secret"
              onChange={(secret) => patch({ secret })}
            />
          </div>
          <div className="form-row">
            {text('users', 'Users (list or user{0001..5000})')}
            {text('password', 'Password', 'password')}
            {text('wrong', 'Wrong passwords %', 'number')}
            {text('rate', 'Rate /s (0 = max)', 'number')}
            {text('concurrency', 'Concurrency', 'number')}
            {text('duration', 'Duration s', 'number')}
            {text('count', 'Count (optional)', 'number')}
            {text('rampUp', 'Ramp-up s', 'number')}
          </div>
          <div className="form-row">
            <button className="btn primary" type="submit" disabled={running} data-testid="load-start">
              Start
            </button>
            <button
              className="btn"
              type="button"
              disabled={!running}
              onClick={() => void labApi.load.stop()}
              data-testid="load-stop"
            >
              Stop
            </button>
            {ticks.length > 0 && (
              <button
                className="btn"
                type="button"
                onClick={() => saveText('load.csv', csv(ticks), 'text/csv')}
              >
                CSV
              </button>
            )}
            {running && <span className="meta">running… {ticks.length} s</span>}
          </div>
          {error && <Note tone="bad">{error}</Note>}
        </form>
      </Panel>
      {summary && <SummaryLine s={summary} />}
      {ticks.length > 0 && <LoadCharts ticks={ticks} />}
    </div>
  );
}

function SummaryLine({ s }: { s: LoadSummary }) {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  return (
    <Panel title="Summary" testId="load-summary">
      <div className="cards">
        <div className="card">total {s.total.toLocaleString()}</div>
        <div className="card">{Math.round(s.rate).toLocaleString()} req/s</div>
        <div className="card">
          p50 {ms(s.p50Ms)} · p90 {ms(s.p90Ms)} · p99 {ms(s.p99Ms)} · max {ms(s.maxMs)}
        </div>
        <div className="card">
          {s.errorCount} errors
          {s.errorCount > 0 &&
            ` (${Object.entries(s.errors)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')})`}
        </div>
        <div className="card meta">
          {s.seconds.toFixed(1)} s, ended by {s.stoppedBy}, {s.workers} worker(s)
        </div>
      </div>
    </Panel>
  );
}

function csv(ticks: LoadTick[]): string {
  const kinds = [...new Set(ticks.flatMap((t) => Object.keys(t.errors)))];
  const head = ['second', 'sent', 'ok', ...kinds, 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms'];
  const rows = ticks.map((t) =>
    [t.second, t.sent, t.ok, ...kinds.map((k) => t.errors[k] ?? 0), t.p50Ms, t.p90Ms, t.p99Ms, t.maxMs].join(
      ',',
    ),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}
