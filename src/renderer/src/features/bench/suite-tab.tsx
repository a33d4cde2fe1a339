import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchRunResult, BenchStepResult } from '../../../../contract/bench';
import { labApi } from '../../api';
import { Note, Panel } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { errorMessage } from '../../lib/format';
import { saveText } from '../../lib/download';
import { readPicked } from './read-picked';
import { RunVerdict, StepResults } from './step-results';

const STARTER = `name: my suite
steps:
  - name: alice logs in
    type: tacacs-authenticate
    user: alice
    password: alice-pass
    expect: { status: pass }
`;

type Issue = { path: string; message: string; line?: number };

/** Open, edit, validate, save and run a scenario suite against this lab; past runs from the lab database. */
export function SuiteTab() {
  const [name, setName] = useState('suite.yaml');
  const [source, setSource] = useState(STARTER);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [running, setRunning] = useState<{ runId: string; total: number; done: BenchStepResult[] }>();
  const [result, setResult] = useState<BenchRunResult>();
  const [error, setError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const examples = useQuery(
    useCallback(() => labApi.bench.examples(), []),
    'bench.examples',
  );
  const history = useQuery(
    useCallback(() => labApi.bench.history({ limit: 20 }), []),
    'bench.history:{"limit":20}',
  );

  // Validation as the user types (debounced): errors with path and line, before running.
  useEffect(() => {
    const t = setTimeout(() => {
      labApi.bench.validate({ source }).then(
        (v) => setIssues(v.errors),
        () => {},
      );
    }, 300);
    return () => clearTimeout(t);
  }, [source]);

  useEffect(
    () =>
      labApi.on('bench.progressed', (p) =>
        setRunning((r) =>
          r && r.runId === p.runId ? { ...r, total: p.total, done: [...r.done, p.step] } : r,
        ),
      ),
    [],
  );

  const run = async () => {
    const runId = `ui-${Date.now()}`;
    setRunning({ runId, total: 0, done: [] });
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await labApi.bench.run({ source, name, runId }));
      history.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(undefined);
    }
  };
  const open = (n: string, text: string) => {
    setName(n);
    setSource(text);
    setResult(undefined);
  };
  const report = async (format: 'junit' | 'html') => {
    if (!result?.id) return;
    const r = await labApi.bench.report({ id: result.id, format });
    saveText(r.filename, r.text, r.mime);
  };

  return (
    <div className="cols-2 bench-cols">
      <div style={{ display: 'grid', gap: 12, alignContent: 'start' }}>
        <Panel
          title={name}
          actions={
            <>
              <input
                ref={fileInput}
                type="file"
                accept=".yaml,.yml,.json"
                hidden
                onChange={(e) => void readPicked(e.currentTarget).then((f) => f && open(f.name, f.text))}
              />
              <button className="btn small" onClick={() => fileInput.current?.click()}>
                Open…
              </button>
              <button className="btn small" onClick={() => saveText(name, source, 'application/yaml')}>
                Save
              </button>
              <button
                className="btn primary small"
                data-testid="bench-run"
                disabled={!!running || issues.length > 0}
                onClick={() => void run()}
              >
                {running ? 'Running…' : 'Run suite'}
              </button>
            </>
          }
        >
          <textarea
            className="mono bench-editor"
            data-testid="bench-editor"
            spellCheck={false}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            rows={24}
          />
          {issues.length > 0 && (
            <Note tone="bad" title="The suite cannot run">
              <ul data-testid="bench-issues">
                {issues.map((i, k) => (
                  <li key={k}>
                    {i.line ? `line ${i.line}: ` : ''}
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </Note>
          )}
        </Panel>
        <Panel title="Examples" count={examples.data?.length}>
          <div className="form-row">
            {(examples.data ?? []).map((x) => (
              <button key={x.name} className="btn small" onClick={() => open(x.name, x.source)}>
                {x.name}
              </button>
            ))}
          </div>
        </Panel>
      </div>
      <div style={{ display: 'grid', gap: 12, alignContent: 'start' }}>
        <Panel
          title="Result"
          actions={
            result?.id !== undefined && (
              <>
                <button className="btn small" onClick={() => void report('junit')}>
                  JUnit XML
                </button>
                <button className="btn small" onClick={() => void report('html')}>
                  HTML report
                </button>
              </>
            )
          }
        >
          {error && <Note tone="bad">{error}</Note>}
          {running && (
            <>
              <div className="meta" data-testid="bench-progress">
                {running.done.length}
                {running.total ? ` of ${running.total}` : ''} steps done
              </div>
              <StepResults steps={running.done} />
            </>
          )}
          {result && (
            <>
              <RunVerdict r={result} />
              <StepResults steps={result.steps} />
            </>
          )}
          {!running && !result && !error && <div className="meta">Run the suite to see each step here.</div>}
        </Panel>
        <Panel title="History" count={history.data?.length}>
          <table className="table compact">
            <tbody>
              {(history.data ?? []).map((h) => (
                <tr key={h.id}>
                  <td>{new Date(h.startedAt).toLocaleString()}</td>
                  <td>{h.suite}</td>
                  <td className={h.failed ? 'bad' : ''}>
                    {h.passed}/{h.total}
                  </td>
                  <td>
                    <button
                      className="btn small"
                      onClick={() =>
                        void labApi.bench.historyGet({ id: h.id }).then((r) => {
                          setSource(r.source);
                          setResult(r);
                        })
                      }
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}
