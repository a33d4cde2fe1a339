import { useEffect, useState } from 'react';
import type { LabStatus } from '../../../../contract';
import { Panel } from '../../components/panel';
import { useApp } from '../../store';
import {
  LAB_IP_PLACEHOLDER,
  labEndpoints,
  platforms,
  switchConfig,
  type PlatformId,
} from '../../lib/switch-config';

type Device = LabStatus['devices'][number];

/**
 * Generated switch configuration for one device. Secrets never cross the contract, so they are
 * typed here (kept in this component only) or left as placeholders.
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
  const [secrets, setSecrets] = useState({ tacacs: '', radius: '', coa: '' });
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
        <button
          className="btn small"
          data-testid="snippet-copy"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(text)
              .then(() => setCopied('Copied'))
              .catch(() => setCopied('Copy failed: select the text instead'))
          }
        >
          {copied ?? 'Copy'}
        </button>
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
              type="password"
              autoComplete="off"
              placeholder="TACACS-SECRET"
              value={secrets.tacacs}
              onChange={(e) => setSecrets({ ...secrets, tacacs: e.target.value })}
            />
          </label>
          <label className="field">
            RADIUS secret
            <input
              type="password"
              autoComplete="off"
              placeholder="RADIUS-SECRET"
              value={secrets.radius}
              onChange={(e) => setSecrets({ ...secrets, radius: e.target.value })}
            />
          </label>
          <label className="field">
            CoA secret
            <input
              type="password"
              autoComplete="off"
              placeholder="COA-SECRET"
              value={secrets.coa}
              onChange={(e) => setSecrets({ ...secrets, coa: e.target.value })}
            />
          </label>
        </div>
        {(loopback || lab.address === LAB_IP_PLACEHOLDER) && (
          <div className="meta">
            The lab listens on{' '}
            {lab.address === LAB_IP_PLACEHOLDER ? 'every address' : `loopback (${lab.address})`}: enter the
            address a switch can reach, and make the lab listen there.
          </div>
        )}
        <div className="tabs" role="tablist">
          {platforms.map((p) => (
            <button
              key={p.id}
              role="tab"
              className="tab"
              aria-selected={p.id === platform}
              onClick={() => setPlatform(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <pre className="snippet" data-testid="snippet">
        {text}
      </pre>
    </Panel>
  );
}
