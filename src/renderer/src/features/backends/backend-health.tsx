import { useCallback, useEffect, useState } from 'react';
import type { BackendHealth } from '../../../../contract/backends';
import { labApi } from '../../api';
import { Badge, Note, Panel } from '../../components/panel';
import { Since } from '../../components/since';
import { useQuery } from '../../components/use-query';
import { errorMessage } from '../../lib/format';

const REFRESH_MS = 10_000;

function Ago({ at }: { at: number | undefined }) {
  return at === undefined ? (
    <>—</>
  ) : (
    <>
      <Since at={at} /> ago
    </>
  );
}

function Health({ b }: { b: BackendHealth }) {
  if (b.reachable === undefined) return <Badge tone="neutral">not checked</Badge>;
  return <Badge tone={b.reachable ? 'ok' : 'bad'}>{b.reachable ? 'reachable' : 'unreachable'}</Badge>;
}

/**
 * The backend chain with each backend's health (backends.health): reachable, last latency, last
 * error, last login, refreshed every few seconds; "Check now" runs backends.check.
 */
export function BackendHealthPanel() {
  const fetcher = useCallback(() => labApi.backends.health({}), []);
  const { data, error, reload } = useQuery(fetcher);
  const [busy, setBusy] = useState(false);
  const [checkError, setCheckError] = useState<string>();
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  const rows = data?.backends ?? [];
  const intervalS = data?.intervalS;

  async function checkNow() {
    setBusy(true);
    try {
      await labApi.backends.check({});
      setCheckError(undefined);
    } catch (e) {
      setCheckError(errorMessage(e));
    } finally {
      setBusy(false);
      reload();
    }
  }

  const every =
    intervalS === undefined ? '' : intervalS === 0 ? 'periodic checks off' : `checked every ${intervalS} s`;
  return (
    <Panel
      title="Configured backends"
      count={rows.length}
      flush
      testId="backend-health"
      actions={
        <>
          <span className="meta">{every}</span>
          <button className="btn" type="button" onClick={checkNow} disabled={busy}>
            {busy ? 'Checking…' : 'Check now'}
          </button>
        </>
      }
    >
      {(error ?? checkError) && (
        <Note tone="bad" title="Backend health could not be read">
          {error ?? checkError}
        </Note>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Health</th>
            <th>Latency</th>
            <th>Checked</th>
            <th>Last login</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.name} data-backend={b.name} data-reachable={String(b.reachable ?? 'unknown')}>
              <td>{b.name}</td>
              <td>{b.type}</td>
              <td title={b.detail}>
                <Health b={b} />
              </td>
              <td>{b.latencyMs === undefined ? '—' : `${b.latencyMs} ms`}</td>
              <td>
                <Ago at={b.checkedAt} />
              </td>
              <td>
                {b.lastAuth ? (
                  <>
                    {b.lastAuth.status}, <Ago at={b.lastAuth.at} />
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="wrap" data-testid="backend-last-error">
                {b.lastError ? (
                  <>
                    {b.lastError} (<Ago at={b.lastErrorAt} />)
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
