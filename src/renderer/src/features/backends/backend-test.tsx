import { useState, type FormEvent } from 'react';
import type { BackendTestOutput } from '../../../../contract/backends';
import { labApi } from '../../api';
import { Badge, Note } from '../../components/panel';
import { useAction } from '../../components/use-action';

const tone = { allow: 'ok', deny: 'bad', 'unknown-user': 'warn', error: 'bad', challenge: 'warn' } as const;

/** One login against one backend (backends.test): the answer, the lab groups, timing and each step. */
export function BackendTest({ backends }: { backends: readonly { name: string; type: string }[] }) {
  const [backend, setBackend] = useState(() => backends[0]?.name ?? 'local');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { busy, error, run: act } = useAction();
  const [result, setResult] = useState<BackendTestOutput>();

  async function run(e: FormEvent) {
    e.preventDefault();
    const ok = await act(async () =>
      setResult(await labApi.backends.test({ backend, username, password, code: code || undefined })),
    );
    if (!ok) setResult(undefined);
  }

  return (
    <div data-testid="backend-test" style={{ display: 'grid', gap: 8 }}>
      <form className="form-grid" onSubmit={run} aria-label="Test a backend">
        <label className="field">
          Backend
          <select value={backend} onChange={(e) => setBackend(e.target.value)}>
            {backends.map((b) => (
              <option key={b.name} value={b.name}>
                {b.name} ({b.type})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="field">
          Password
          <input
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="field">
          Verification code
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="if the backend asks for one"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <div>
          <button className="btn primary" type="submit" disabled={busy || username === ''}>
            Test
          </button>
        </div>
      </form>
      {error && (
        <Note tone="bad" title="backends.test failed">
          {error}
        </Note>
      )}
      {result && (
        <div data-testid="backend-result" data-status={result.status}>
          <div className="verdict">
            <Badge tone={tone[result.status]}>{result.status}</Badge>
            <span className="meta">
              {result.backend} ({result.type}) answered in {result.ms.toFixed(1)} ms
              {result.groups.length > 0 && ` · groups ${result.groups.join(', ')}`}
            </span>
          </div>
          <ol className="reasons">
            {result.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
