import { useId, useState, type FormEvent } from 'react';
import type { DecisionDto, ExplainOutput } from '../../../../contract';
import { labApi } from '../../api';
import { Badge, Note } from '../panel';
import { useApp } from '../../store';
import { useAction } from '../use-action';

/**
 * "Why?": asks the engine's policy to explain a decision for user + device + command (+ password),
 * and shows the verdict with its chain of reasons (device → user → group → rule).
 */
export function WhyBox() {
  const users = useApp((s) => s.status?.users ?? []);
  const devices = useApp((s) => s.status?.devices ?? []);
  const [username, setUsername] = useState(() => users[0]?.username ?? '');
  const [device, setDevice] = useState(() => devices[0]?.name ?? '');
  const [command, setCommand] = useState('configure terminal');
  const [password, setPassword] = useState('');
  const [service, setService] = useState<'login' | 'enable'>('login');
  const [result, setResult] = useState<ExplainOutput>();
  const { busy, error, run } = useAction();
  const ids = { users: useId(), devices: useId() };

  async function explain(e: FormEvent) {
    e.preventDefault();
    const ok = await run(async () =>
      setResult(
        await labApi.policy.explain({
          username: username.trim(),
          device: device.trim() || undefined,
          command: command.trim() || undefined,
          password: password === '' ? undefined : password,
          service,
        }),
      ),
    );
    if (!ok) setResult(undefined);
  }

  return (
    <div data-testid="why-box">
      <form className="form-grid" onSubmit={explain} aria-label="Explain a decision">
        <label className="field">
          User
          <input
            name="username"
            list={ids.users}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <datalist id={ids.users}>
            {users.map((u) => (
              <option key={u.username} value={u.username} />
            ))}
          </datalist>
        </label>
        <label className="field">
          Device (name or address)
          <input
            name="device"
            list={ids.devices}
            value={device}
            onChange={(e) => setDevice(e.target.value)}
          />
          <datalist id={ids.devices}>
            {devices.map((d) => (
              <option key={d.name} value={d.name}>
                {d.match}
              </option>
            ))}
          </datalist>
        </label>
        <label className="field" style={{ gridColumn: 'span 2' }}>
          Command (empty: exec authorization)
          <input
            name="command"
            value={command}
            onChange={(e) => setCommand(e.target.value)}
            className="mono"
          />
        </label>
        <label className="field">
          Password (optional)
          <input
            name="password"
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="field">
          Service
          <select
            name="service"
            value={service}
            onChange={(e) => setService(e.target.value as 'login' | 'enable')}
          >
            <option value="login">login</option>
            <option value="enable">enable</option>
          </select>
        </label>
        <div>
          <button className="btn primary" type="submit" disabled={busy || username.trim() === ''}>
            Why?
          </button>
        </div>
      </form>
      {error && (
        <Note tone="bad" title="The engine could not explain this">
          {error}
        </Note>
      )}
      {result && <Explanation result={result} />}
    </div>
  );
}

function Explanation({ result }: { result: ExplainOutput }) {
  const authz = result.authorization;
  const authn = result.authentication;
  const allowed = authz.allow && (authn?.allow ?? true);
  return (
    <div data-testid="why-result" data-allow={String(allowed)}>
      <div className="verdict">
        <Badge tone={allowed ? 'ok' : 'bad'}>{allowed ? 'PERMIT' : 'DENY'}</Badge>
        <span className="meta">
          {result.device ? `device ${result.device.name} (${result.device.cidr})` : 'no matching device'}
        </span>
      </div>
      <div className="mono meta" data-testid="why-summary">
        {result.summary}
      </div>
      {authn && <DecisionBlock title="Authentication" d={authn} />}
      <DecisionBlock title="Authorization" d={authz} />
    </div>
  );
}

function DecisionBlock({ title, d }: { title: string; d: DecisionDto }) {
  return (
    <div style={{ marginTop: 8 }} data-testid={`why-${title.toLowerCase()}`}>
      <div>
        <strong>{title}</strong> <Badge tone={d.allow ? 'ok' : 'bad'}>{d.allow ? 'allow' : 'deny'}</Badge>
      </div>
      <ol className="reasons">
        {d.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ol>
      <dl className="kv">
        {d.groups.length > 0 && (
          <>
            <dt>Groups</dt>
            <dd>{d.groups.join(', ')}</dd>
          </>
        )}
        {d.privLvl !== undefined && (
          <>
            <dt>priv-lvl</dt>
            <dd>{d.privLvl}</dd>
          </>
        )}
        {d.avPairs.length > 0 && (
          <>
            <dt>AV pairs</dt>
            <dd>
              {d.avPairs.map((p) => (
                <span key={p} className="tag">
                  {p}
                </span>
              ))}
            </dd>
          </>
        )}
        {d.radiusReply.length > 0 && (
          <>
            <dt>RADIUS reply</dt>
            <dd>
              {d.radiusReply.map(([k, v], i) => (
                <span key={i} className="tag">
                  {k} = {String(v)}
                </span>
              ))}
            </dd>
          </>
        )}
        {d.backend && (
          <>
            <dt>Backend</dt>
            <dd>{d.backend}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
