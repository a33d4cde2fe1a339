import { useMemo, useState, type CSSProperties } from 'react';
import type { DecryptedBytesDto } from '../../../../contract/trace';
import { fieldRange } from '../../lib/field-tree';
import { isFraction, usePersistent } from '../../lib/use-persistent';
import { Splitter } from '../splitter';
import { FieldTreePane, type FieldTreeRecord } from './field-tree-pane';
import { HexPane, type ByteView } from './hex-pane';
import { useFieldSelection } from './use-field-selection';

export type PacketViewRecord = FieldTreeRecord & { hex: string; decrypted?: DecryptedBytesDto };

/**
 * One packet as a field tree beside its hex + ASCII, with linked selection: the view shared by
 * the Packet trace and the Test client's exchange. `packetKey` tells a new packet from a re-render.
 */
export function PacketView({
  record,
  error,
  packetKey,
  className,
}: {
  record?: PacketViewRecord;
  error?: string;
  packetKey?: unknown;
  className?: string;
}) {
  const { field, setField, expanded, toggle, selectByte } = useFieldSelection(
    record?.dissection,
    packetKey ?? record?.id,
  );
  const [treeShare, setTreeShare] = usePersistent('packet.treeShare', 0.5, isFraction);
  // The chosen byte tab stays chosen from packet to packet (Frame where a packet has no other).
  const [shownBytes, setShownBytes] = useState('frame');
  const views = useMemo(() => byteViews(record), [record]);
  const style = {
    gridTemplateColumns: `minmax(240px, ${treeShare}fr) 6px minmax(320px, ${1 - treeShare}fr)`,
  };
  return (
    <div className={`trace-bottom ${className ?? ''}`} style={style as CSSProperties}>
      {record ? (
        <FieldTreePane
          record={record}
          selected={field}
          expanded={expanded}
          onSelect={setField}
          onToggle={toggle}
        />
      ) : (
        <div className="pane empty">{error ?? 'Select a packet to see its fields.'}</div>
      )}
      <Splitter direction="columns" fraction={treeShare} onChange={setTreeShare} label="Resize field tree" />
      {record ? (
        <HexPane
          views={views}
          shown={shownBytes}
          onShow={setShownBytes}
          range={fieldRange(record.dissection, field, record.length)}
          onByte={selectByte}
        />
      ) : (
        <div className="pane empty">Bytes appear here.</div>
      )}
    </div>
  );
}

/** "Frame" and, when the engine could decrypt the packet, its decrypted bytes (same layout). */
function byteViews(record: PacketViewRecord | undefined): ByteView[] {
  if (!record) return [];
  const frame: ByteView = { id: 'frame', title: `Frame (${record.length} bytes)`, hex: record.hex };
  const d = record.decrypted;
  if (!d) return [frame];
  return [frame, { id: 'decrypted', title: d.title, hex: d.hex, masked: d.masked, note: d.note }];
}
