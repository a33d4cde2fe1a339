import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RadiusResultDto, SavedRequestDto, TacacsResultDto } from '../../../../contract/test-client';
import { labApi } from '../../api';
import { Note, Panel, ScreenHead } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { errorMessage } from '../../lib/format';
import { appStore, useApp } from '../../store';
import { ExchangeView } from './exchange-view';
import {
  defaultRadiusForm,
  defaultTacacsForm,
  labPorts,
  radiusFormFrom,
  radiusPortFor,
  radiusRequest,
  sessionRequest,
  tacacsFormFrom,
  tacacsRequest,
  type RadiusCode,
  type RadiusForm,
  type TacacsForm,
} from './forms';
import { RadiusFields } from './radius-form';
import { ResultCard } from './result-card';
import { radiusView, tacacsView } from './results';
import { SavedRequests } from './saved-requests';
import { TacacsFields } from './tacacs-form';
import { AreaField, TextField } from './fields';

type Kind = 'tacacs' | 'radius';
type Result = { kind: 'tacacs'; r: TacacsResultDto } | { kind: 'radius'; r: RadiusResultDto };

/**
 * TACACS+ and RADIUS requests against this lab or any server (client.tacacs / client.radius), with
 * expected-result assertions, the decoded exchange and saved requests. Defaults point at this lab's
 * own listeners; the shared secret is always typed by the user.
 */
export function TestClientScreen() {
  const status = useApp((s) => s.status);
  const ports = useMemo(() => labPorts(status), [status]);
  const [prefill] = useState(() => appStore.getState().clientPrefill);
  const clearPrefill = useApp((s) => s.clearClientPrefill);
  const [kind, setKind] = useState<Kind>(prefill ? 'radius' : 'tacacs');
  const [tf, setTf] = useState<TacacsForm>(() => defaultTacacsForm(ports));
  const [rf, setRf] = useState<RadiusForm>(() =>
    prefill
      ? sessionRequest(prefill.session, prefill.action, ports, defaultRadiusForm(ports))
      : defaultRadiusForm(ports),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Result>();
  const [saveName, setSaveName] = useState('');
  const presets = useQuery(useCallback(() => labApi.client['radius.presets'](), []));
  const saved = useQuery(useCallback(() => labApi.client['saved.list'](), []));

  useEffect(() => clearPrefill(), [clearPrefill]);

  const patchT = (p: Partial<TacacsForm>) => setTf((f) => ({ ...f, ...p }));
  const patchR = (p: Partial<RadiusForm>) => setRf((f) => ({ ...f, ...p }));
  const onCode = (code: RadiusCode) =>
    setRf((f) => ({ ...f, code, port: radiusPortFor(code, ports), preset: '' }));
  const form = kind === 'tacacs' ? tf : rf;
  const patch = kind === 'tacacs' ? patchT : patchR;

  async function act(what: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await what();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setResult(undefined);
      if (kind === 'tacacs') setResult({ kind, r: await labApi.client.tacacs(tacacsRequest(tf)) });
      else setResult({ kind, r: await labApi.client.radius(radiusRequest(rf)) });
    });
  };

  const save = () =>
    act(async () => {
      const name = saveName.trim();
      if (kind === 'tacacs') await labApi.client['saved.save']({ name, kind, request: tacacsRequest(tf) });
      else await labApi.client['saved.save']({ name, kind, request: radiusRequest(rf) });
      saved.reload();
    });

  const load = (id: number) =>
    act(async () => {
      const s: SavedRequestDto = await labApi.client['saved.get']({ id });
      setSaveName(s.name);
      setKind(s.kind);
      setResult(undefined);
      if (s.kind === 'tacacs') setTf((f) => tacacsFormFrom(s.request, f));
      else setRf((f) => radiusFormFrom(s.request, f));
    });

  const remove = (id: number) =>
    act(async () => {
      await labApi.client['saved.delete']({ id });
      saved.reload();
    });

  return (
    <div className="screen" data-testid="screen-client">
      <ScreenHead title="Test client">
        <div className="tabs" role="tablist" aria-label="Protocol">
          {(['tacacs', 'radius'] as const).map((k) => (
            <button key={k} role="tab" className="tab" aria-selected={kind === k} onClick={() => setKind(k)}>
              {k === 'tacacs' ? 'TACACS+' : 'RADIUS'}
            </button>
          ))}
        </div>
      </ScreenHead>
      {prefill && kind === 'radius' && (
        <Note tone="info" title={`${prefill.action === 'coa' ? 'CoA' : 'Disconnect'} for a live session`}>
          Pre-filled from session {prefill.session.sessionId} of{' '}
          {prefill.session.username ?? 'an unknown user'} at {prefill.session.nasAddress}. Type the
          device&apos;s CoA secret and send.
        </Note>
      )}
      <Panel title="Request">
        <form onSubmit={send} aria-label={`${kind === 'tacacs' ? 'TACACS+' : 'RADIUS'} request`}>
          {kind === 'tacacs' ? (
            <TacacsFields f={tf} set={patchT} />
          ) : (
            <RadiusFields f={rf} set={patchR} onCode={onCode} presets={presets.data ?? []} />
          )}
          <div className="form-grid client-expect">
            <TextField
              label="Expect status (pass, fail, no-reply, PASS_ADD, Access-Accept, nak…)"
              value={form.expectStatus}
              onChange={(expectStatus) => patch({ expectStatus })}
            />
            <AreaField
              label="Expect attributes (Name=value, one per line)"
              rows={2}
              value={form.expectAttributes}
              placeholder={kind === 'tacacs' ? 'priv-lvl=15' : 'Service-Type=Administrative-User'}
              onChange={(expectAttributes) => patch({ expectAttributes })}
            />
          </div>
          <div className="form-row client-actions">
            <button className="btn primary" type="submit" disabled={busy}>
              {busy ? 'Sending…' : 'Send'}
            </button>
            <span className="spacer" />
            <input
              className="input"
              aria-label="Saved request name"
              placeholder="name"
              value={saveName}
              onChange={(e) => setSaveName(e.target.value)}
            />
            <button
              type="button"
              className="btn"
              disabled={busy || saveName.trim() === ''}
              onClick={() => void save()}
            >
              Save as
            </button>
          </div>
        </form>
      </Panel>
      {error && (
        <Note tone="bad" title="The request could not be sent">
          {error}
        </Note>
      )}
      {result && (
        <Panel title="Result">
          <ResultCard r={result.kind === 'tacacs' ? tacacsView(result.r) : radiusView(result.r)} />
        </Panel>
      )}
      {result && (
        <Panel title="Exchange" count={result.r.exchange.length} flush>
          <ExchangeView
            key={result.r.exchange[0]?.traceId}
            entries={result.r.exchange}
            protocol={result.kind}
          />
        </Panel>
      )}
      <Panel title="Saved requests" count={saved.data?.length} flush>
        {saved.error && <Note tone="bad">{saved.error}</Note>}
        <SavedRequests
          items={saved.data ?? []}
          busy={busy}
          onLoad={(id) => void load(id)}
          onDelete={(id) => void remove(id)}
        />
        <div className="meta client-hint">
          Saved requests keep their shared secret and password in the lab database (like the lab file does);
          the list never shows them, “Load” puts them back in the form.
        </div>
      </Panel>
    </div>
  );
}
