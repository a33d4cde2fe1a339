import { useState } from 'react';
import type { ExchangeEntryDto } from '../../../../contract/test-client';
import { fieldRange } from '../../lib/field-tree';
import { FieldTreePane } from '../packet-trace/field-tree-pane';
import { HexPane } from '../packet-trace/hex-pane';
import { useFieldSelection } from '../packet-trace/use-field-selection';

type Protocol = 'tacacs' | 'radius';

/** The packets of one request, each decoded with the Packet trace's field tree and hex panes. */
export function ExchangeView({ entries, protocol }: { entries: ExchangeEntryDto[]; protocol: Protocol }) {
  const [index, setIndex] = useState(0);
  const entry = entries[index];
  const { field, setField, expanded, toggle, selectByte } = useFieldSelection(entry?.dissection, entry);

  if (!entry) return <div className="empty">No packet was sent.</div>;
  const length = entry.hex.length / 2;
  return (
    <div className="client-exchange" data-testid="client-exchange">
      <ol className="client-packets" aria-label="Packets">
        {entries.map((e, i) => (
          <li key={i}>
            <button
              type="button"
              className={`client-packet${i === index ? ' selected' : ''}`}
              aria-pressed={i === index}
              onClick={() => setIndex(i)}
            >
              <span className="meta">{e.direction === 'out' ? '→ sent' : '← received'}</span> {e.summary}
              {e.traceId !== undefined && <span className="meta"> · trace #{e.traceId}</span>}
            </button>
          </li>
        ))}
      </ol>
      <div className="trace-bottom client-panes">
        <FieldTreePane
          record={{
            id: entry.traceId ?? index + 1,
            protocol,
            length,
            diagnosis: entry.diagnosis,
            dissection: entry.dissection,
          }}
          selected={field}
          expanded={expanded}
          onSelect={setField}
          onToggle={toggle}
        />
        <HexPane hex={entry.hex} range={fieldRange(entry.dissection, field, length)} onByte={selectByte} />
      </div>
    </div>
  );
}
