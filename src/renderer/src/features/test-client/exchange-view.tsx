import { useState } from 'react';
import type { ExchangeEntryDto } from '../../../../contract/test-client';
import { ancestorPaths, fieldRange, innermostFieldAt, type FieldPath } from '../../lib/field-tree';
import { FieldTreePane } from '../packet-trace/field-tree-pane';
import { HexPane } from '../packet-trace/hex-pane';

type Protocol = 'tacacs' | 'radius';

/** The packets of one request, each decoded with the Packet trace's field tree and hex panes. */
export function ExchangeView({ entries, protocol }: { entries: ExchangeEntryDto[]; protocol: Protocol }) {
  const [index, setIndex] = useState(0);
  const [field, setField] = useState<FieldPath>();
  const [expanded, setExpanded] = useState<Set<FieldPath>>(() => topLevel(entries[0]));
  const entry = entries[index];

  const pick = (i: number) => {
    setIndex(i);
    setField(undefined);
    setExpanded(topLevel(entries[i]));
  };
  const toggle = (path: FieldPath) =>
    setExpanded((cur) => {
      const next = new Set(cur);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const selectByte = (offset: number) => {
    if (!entry) return;
    const path = innermostFieldAt(entry.dissection, offset);
    if (path === undefined) return;
    setField(path);
    setExpanded((cur) => new Set([...cur, ...ancestorPaths(path)]));
  };

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
              onClick={() => pick(i)}
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

function topLevel(e: ExchangeEntryDto | undefined): Set<FieldPath> {
  return new Set(e?.dissection.map((_, i) => String(i)) ?? []);
}
