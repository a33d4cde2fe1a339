import { useEffect, useState } from 'react';
import type { LabStatus } from '../../../../contract';
import { labApi } from '../../api';
import { errorMessage } from '../../lib/format';
import { Panel } from '../../components/panel';
import { useApp } from '../../store';
import {
  LAB_IP_PLACEHOLDER,
  labEndpoints,
  platforms,
  switchConfig,
  type PlatformId,
} from '../../lib/switch-config';
import { Tabs } from '../../components/tabs';

type Device = LabStatus['devices'][number];

type Secrets = { tacacs: string; radius: string; coa: string };
const NO_SECRETS: Secrets = { tacacs: '', radius: '', coa: '' };

/**
 * Generated switch configuration for one device. The device's secrets stay placeholders until the
 * user asks for the lab's own (devices.get with reveal, audited by the engine) or types them; they
 * are kept in this component only.
 */
export function SwitchSnippets({ device, services }: { device: Device; services: LabStatus['services'] }) {
  const [platform, setPlatform] = useState<PlatformId>('ios');
  const [address, setAddress] = useState('');
  const [copied, setCopied] = useState<string>();
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(undefined), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const [secrets, setSecrets] = useState<Secrets>(NO_SECRETS);
  const [revealed, setRevealed] = useState(false);
  const [revealError, setRevealError] = useState<string>();
  const reveal = async () => {
    try {
      const d = await labApi.devices.get({ name: device.name, reveal: true });
      setSecrets({ tacacs: d.tacacsSecret ?? '', radius: d.radiusSecret ?? '', coa: d.coaSecret ?? '' });
      setRevealed(true);
      setRevealError(undefined);
    } catch (err) {
      setRevealError(errorMessage(err));
    }
  };
  const hide = () => {
    setSecrets(NO_SECRETS);
    setRevealed(false);
  };
  const groups = useApp((s) => s.status?.groups);
  const lab = labEndpoints(services, address);
  const text = switchConfig({
    platform,
    device,
    lab,
    groups,
    secrets: {
      tacacs: secrets.tacacs || 'TACACS-SECRET',
      radius: secrets.radius || 'RADIUS-SECRET',
      coa: secrets.coa || 'COA-SECRET',
    },
  });
  const loopback = /^127\.|^::1$/.test(lab.address);
  return (
    <Panel
      title={`Switch configuration for ${device.name}`}
      flush
      testId="switch-snippets"
      actions={
        <>
          <button
            className="btn small"
            data-testid="snippet-reveal"
            title={revealed ? 'Put placeholders back in place of the secrets' : undefined}
            onClick={() => (revealed ? hide() : void reveal())}
          >
            {revealed ? 'Hide secrets' : "Fill in the lab's secrets"}
          </button>
          <button
            className="btn small"
            data-testid="snippet-copy"
            aria-live="polite"
            onClick={() =>
              // No clipboard outside a secure context (http:// to another host): say so, not nothing.
              void (navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard')))
                .then(() => setCopied('Copied'))
                .catch(() => setCopied('Copy failed: select the text instead'))
            }
          >
            {copied ?? 'Copy'}
          </button>
        </>
      }
    >
      <div className="panel-body" style={{ display: 'grid', gap: 8 }}>
        <div className="form-grid">
          <label className="field">
            Lab address as seen from the switch
            <input value={address} placeholder={lab.address} onChange={(e) => setAddress(e.target.value)} />
          </label>
          <label className="field">
            TACACS+ secret
            <input
              type={revealed ? 'text' : 'password'}
              autoComplete="off"
              placeholder="TACACS-SECRET"
              value={secrets.tacacs}
              onChange={(e) => setSecrets({ ...secrets, tacacs: e.target.value })}
            />
          </label>
          <label className="field">
            RADIUS secret
            <input
              type={revealed ? 'text' : 'password'}
              autoComplete="off"
              placeholder="RADIUS-SECRET"
              value={secrets.radius}
              onChange={(e) => setSecrets({ ...secrets, radius: e.target.value })}
            />
          </label>
          <label className="field">
            CoA secret
            <input
              type={revealed ? 'text' : 'password'}
              autoComplete="off"
              placeholder="COA-SECRET"
              value={secrets.coa}
              onChange={(e) => setSecrets({ ...secrets, coa: e.target.value })}
            />
          </label>
        </div>
        {revealError && (
          <div className="meta" role="alert">
            The lab's secrets could not be read: {revealError}
          </div>
        )}
        {(loopback || lab.address === LAB_IP_PLACEHOLDER) && (
          <div className="meta">
            The lab listens on{' '}
            {lab.address === LAB_IP_PLACEHOLDER ? 'every address' : `loopback (${lab.address})`}: enter the
            address a switch can reach, and make the lab listen there.
          </div>
        )}
        <Tabs
          label="Platform"
          tabs={platforms.map((p) => [p.id, p.label] as const)}
          selected={platform}
          onSelect={setPlatform}
        />
      </div>
      <pre className="snippet" data-testid="snippet">
        {text}
      </pre>
    </Panel>
  );
}
