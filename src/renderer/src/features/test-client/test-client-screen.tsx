import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RadiusResultDto, TacacsResultDto } from '../../../../contract/test-client';
import type { EapResultDto } from '../../../../contract/test-client-eap';
import type { SavedRequestDto } from '../../../../contract/test-client-saved';
import { labApi } from '../../api';
import { Note, Panel, ScreenHead } from '../../components/panel';
import { useAction } from '../../components/use-action';
import { useQuery } from '../../components/use-query';
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
import { AreaField } from '../../components/edit/fields';
import { TextField } from '../../components/edit/text-field';
import { EapFields } from './eap-fields';
import { defaultEapForm, eapFormFrom, eapRequest, type EapForm } from './eap-forms';
import { EapRounds, eapView } from './eap-result';
import { Tabs } from '../../components/tabs';

type Kind = 'tacacs' | 'radius' | 'eap';
type Result =
  | { kind: 'tacacs'; r: TacacsResultDto }
  | { kind: 'radius'; r: RadiusResultDto }
  | { kind: 'eap'; r: EapResultDto };

const KIND_LABEL: Record<Kind, string> = { tacacs: 'TACACS+', radius: 'RADIUS', eap: '802.1X (EAP)' };

/**
 * TACACS+, RADIUS and 802.1X (EAP) requests against this lab or any server (client.tacacs / client.radius), with
 * expected-result assertions, the decoded exchange and saved requests (client.eap for EAP). Defaults point at this lab's
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
  const [ef, setEf] = useState<EapForm>(() => defaultEapForm(ports));
  const { busy, error, run: act } = useAction();
  const [result, setResult] = useState<Result>();
  const [saveName, setSaveName] = useState('');
  const presets = useQuery(useCallback(() => labApi.client['radius.presets'](), []));
  const saved = useQuery(useCallback(() => labApi.client['saved.list'](), []));

  useEffect(() => clearPrefill(), [clearPrefill]);

  const patchT = (p: Partial<TacacsForm>) => setTf((f) => ({ ...f, ...p }));
  const patchR = (p: Partial<RadiusForm>) => setRf((f) => ({ ...f, ...p }));
  const onCode = (code: RadiusCode) =>
    setRf((f) => ({ ...f, code, port: radiusPortFor(code, ports), preset: '' }));
  const patchE = (p: Partial<EapForm>) => setEf((f) => ({ ...f, ...p }));
  const form = kind === 'tacacs' ? tf : kind === 'radius' ? rf : ef;
  const patch = kind === 'tacacs' ? patchT : kind === 'radius' ? patchR : patchE;

  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setResult(undefined);
      if (kind === 'tacacs') setResult({ kind, r: await labApi.client.tacacs(tacacsRequest(tf)) });
      else if (kind === 'radius') setResult({ kind, r: await labApi.client.radius(radiusRequest(rf)) });
      else setResult({ kind, r: await labApi.client.eap(eapRequest(ef)) });
    });
  };

  const save = () =>
    act(async () => {
      const name = saveName.trim();
      if (kind === 'tacacs') await labApi.client['saved.save']({ name, kind, request: tacacsRequest(tf) });
      else if (kind === 'radius')
        await labApi.client['saved.save']({ name, kind, request: radiusRequest(rf) });
      else await labApi.client['saved.save']({ name, kind, request: eapRequest(ef) });
      saved.reload();
    });

  const load = (id: number) =>
    act(async () => {
      const s: SavedRequestDto = await labApi.client['saved.get']({ id });
      setSaveName(s.name);
      setKind(s.kind);
      setResult(undefined);
      if (s.kind === 'tacacs') setTf((f) => tacacsFormFrom(s.request, f));
      else if (s.kind === 'radius') setRf((f) => radiusFormFrom(s.request, f));
      else setEf((f) => eapFormFrom(s.request, f));
    });

  const remove = (id: number) =>
    act(async () => {
      await labApi.client['saved.delete']({ id });
      saved.reload();
    });

  return (
    <div className="screen" data-testid="screen-client">
      <ScreenHead title="Test client">
        <Tabs
          label="Protocol"
          tabs={(['tacacs', 'radius', 'eap'] as const).map((k) => [k, KIND_LABEL[k]] as const)}
          selected={kind}
          onSelect={setKind}
        />
      </ScreenHead>
      {prefill && kind === 'radius' && (
        <Note tone="info" title={`${prefill.action === 'coa' ? 'CoA' : 'Disconnect'} for a live session`}>
          Pre-filled from session {prefill.session.sessionId} of{' '}
          {prefill.session.username ?? 'an unknown user'} at {prefill.session.nasAddress}. Type the
          device&apos;s CoA secret and send.
        </Note>
      )}
      <Panel title="Request">
        <form onSubmit={send} aria-label={`${KIND_LABEL[kind]} request`}>
          {kind === 'tacacs' && <TacacsFields f={tf} set={patchT} />}
          {kind === 'radius' && (
            <RadiusFields f={rf} set={patchR} onCode={onCode} presets={presets.data ?? []} />
          )}
          {kind === 'eap' && <EapFields f={ef} set={patchE} />}
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
              placeholder={
                kind === 'tacacs'
                  ? 'priv-lvl=15'
                  : kind === 'eap'
                    ? 'Tunnel-Private-Group-Id=20'
                    : 'Service-Type=Administrative-User'
              }
              onChange={(expectAttributes) => patch({ expectAttributes })}
            />
          </div>
          <div className="form-row client-actions">
            <button className="btn primary" type="submit" disabled={busy}>
              {busy ? (kind === 'eap' ? 'Authenticating…' : 'Sending…') : 'Send'}
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
          <ResultCard r={resultView(result)} />
          {result.kind === 'eap' && <EapRounds r={result.r} />}
        </Panel>
      )}
      {result && (
        <Panel title="Exchange" count={result.r.exchange.length} flush>
          <ExchangeView
            key={result.r.exchange[0]?.traceId}
            entries={result.r.exchange}
            protocol={result.kind === 'tacacs' ? 'tacacs' : 'radius'}
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

function resultView(result: Result) {
  if (result.kind === 'tacacs') return tacacsView(result.r);
  return result.kind === 'radius' ? radiusView(result.r) : eapView(result.r);
}
