import { useId, useState } from 'react';
import { labApi } from '../../api';
import { Note, Panel } from '../../components/panel';
import { useAction } from '../../components/use-action';

/**
 * The lab PKI (as `aaa-lab certs init`): a CA, a server certificate for this machine's names and
 * addresses and a client certificate, in the data dir; the answer says where and how to use them.
 */
export function LabCertificates() {
  const replaceId = useId();
  const [replace, setReplace] = useState(false);
  const { busy, error, run } = useAction();
  const [report, setReport] = useState<string[]>();
  const create = () => run(async () => setReport((await labApi.pki.init({ force: replace })).report));
  return (
    <Panel title="Lab certificates (EAP-TLS, PEAP/TTLS, TACACS+ over TLS, RadSec)">
      <div className="pki-actions">
        <button className="btn" onClick={() => void create()} disabled={busy} data-testid="pki-create">
          Create lab CA and certificates
        </button>
        <label htmlFor={replaceId}>
          <input
            id={replaceId}
            type="checkbox"
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
          />{' '}
          Replace existing certificates
        </label>
      </div>
      {error && <Note tone="bad">{error}</Note>}
      {report && (
        <pre className="snippet" data-testid="pki-report">
          {report.join('\n')}
        </pre>
      )}
    </Panel>
  );
}
