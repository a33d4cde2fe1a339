import type { SavedRequestDto } from '../../../../contract/test-client-saved';
import { Badge } from '../../components/panel';

/** Saved requests: name, what and where; secrets are only named ("secret saved"), never shown. */
export function SavedRequests(props: {
  items: readonly SavedRequestDto[];
  busy: boolean;
  onLoad(id: number): void;
  onDelete(id: number): void;
}) {
  if (props.items.length === 0)
    return <div className="empty">No saved request yet: fill a form and press “Save as”.</div>;
  return (
    <table className="grid" data-testid="saved-requests">
      <tbody>
        {props.items.map((s) => (
          <tr key={s.id} data-saved-name={s.name}>
            <td>
              <strong>{s.name}</strong>
            </td>
            <td>
              <Badge tone="neutral">{KIND[s.kind]}</Badge> <span className="mono">{describe(s)}</span>
            </td>
            <td className="meta">{s.secrets.length > 0 && `${s.secrets.join(' + ')} saved`}</td>
            <td className="num">
              <button className="btn small" disabled={props.busy} onClick={() => props.onLoad(s.id)}>
                Load
              </button>{' '}
              <button className="btn small" disabled={props.busy} onClick={() => props.onDelete(s.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KIND = { tacacs: 'TACACS+', radius: 'RADIUS', eap: 'EAP' } as const;

function describe(s: SavedRequestDto): string {
  const r = s.request;
  const what = s.kind === 'tacacs' ? s.request.op : s.kind === 'radius' ? s.request.code : s.request.method;
  const user = r.user ? ` ${r.user}` : '';
  return `${what}${user} @ ${r.host}:${r.port}`;
}
