import { useCallback, useState } from 'react';
import type { TraceInnerDto, TraceRecordDto } from '../../../../contract';
import { labApi } from '../../api';
import { useQuery } from '../../components/use-query';

type Rounds = TraceInnerDto['rounds'];

/**
 * "Decrypted inner exchange": the tunnelled conversation (PEAP's EAP-MSCHAPv2, TTLS's AVPs) that the
 * selected packet belongs to, round by round; picking an inner message shows its field tree and
 * bytes in the panes below (`onShow`), picking it again goes back to the outer packet. Shown only
 * for packets that have one; collapsed until the user opens it.
 */
export function InnerExchange({
  record,
  shown,
  onShow,
}: {
  record: TraceRecordDto;
  shown?: number;
  onShow(r: TraceRecordDto | undefined): void;
}) {
  const [open, setOpen] = useState(false);
  const id = record.id;
  const radius = record.protocol === 'radius' || record.protocol === 'radsec';
  const query = useQuery(
    useCallback(
      async (): Promise<{ id: number; rounds: Rounds }> =>
        radius ? { id, rounds: (await labApi.trace.inner({ id })).rounds } : { id, rounds: [] },
      [id, radius],
    ),
  );
  // The previous packet's answer until this one's arrives: none.
  const rounds = query.data?.id === id ? query.data.rounds : [];
  const error = query.error;

  if (error) return <div className="meta">Inner exchange: {error}</div>;
  const count = rounds.reduce((n, r) => n + r.records.length, 0);
  if (count === 0) return null;
  const own = record.parent ?? record.replyTo ?? record.id;
  return (
    <div className="inner-exchange" data-testid="inner-exchange">
      <button
        type="button"
        className="btn small"
        aria-expanded={open}
        data-testid="inner-exchange-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'} Decrypted inner exchange · {count} messages in {rounds.length} rounds
      </button>
      {shown !== undefined && (
        <button type="button" className="btn small" onClick={() => onShow(undefined)}>
          Back to packet #{id}
        </button>
      )}
      {open && (
        <ol className="inner-rounds" aria-label="Decrypted inner exchange">
          {rounds.map((r) => (
            <li key={r.outer.id} className={r.outer.id === own ? 'current' : undefined}>
              <span className="meta">in #{r.outer.id}</span>
              {r.records.map((x) => (
                <button
                  key={x.id}
                  type="button"
                  className={`client-packet${x.id === shown ? ' selected' : ''}`}
                  aria-pressed={x.id === shown}
                  data-inner-id={x.id}
                  onClick={() => onShow(x.id === shown ? undefined : x)}
                >
                  <span className="meta">{x.direction === 'in' ? '→' : '←'}</span> {x.summary}
                </button>
              ))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
