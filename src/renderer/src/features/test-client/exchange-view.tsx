import { useState } from 'react';
import type { ExchangeEntryDto } from '../../../../contract/test-client';
import { PacketView } from '../../components/packet-view/packet-view';

type Protocol = 'tacacs' | 'radius';

/** The packets of one request, each decoded with the Packet trace's field tree and hex panes. */
export function ExchangeView({ entries, protocol }: { entries: ExchangeEntryDto[]; protocol: Protocol }) {
  const [index, setIndex] = useState(0);
  const entry = entries[index];

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
      <PacketView
        className="client-panes"
        packetKey={entry}
        record={{
          id: entry.traceId ?? index + 1,
          protocol,
          length,
          hex: entry.hex,
          diagnosis: entry.diagnosis,
          dissection: entry.dissection,
        }}
      />
    </div>
  );
}
