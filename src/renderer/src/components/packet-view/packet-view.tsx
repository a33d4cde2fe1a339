import type { CSSProperties } from 'react';
import { fieldRange } from '../../lib/field-tree';
import { isFraction, usePersistent } from '../../lib/use-persistent';
import { Splitter } from '../splitter';
import { FieldTreePane, type FieldTreeRecord } from './field-tree-pane';
import { HexPane } from './hex-pane';
import { useFieldSelection } from './use-field-selection';

export type PacketViewRecord = FieldTreeRecord & { hex: string };

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
          hex={record.hex}
          range={fieldRange(record.dissection, field, record.length)}
          onByte={selectByte}
        />
      ) : (
        <div className="pane empty">Bytes appear here.</div>
      )}
    </div>
  );
}
