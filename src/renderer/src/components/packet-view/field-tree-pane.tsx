import type { FieldNodeDto, TraceRecordDto } from '../../../../contract';
import { Note } from '../panel';
import type { FieldPath } from '../../lib/field-tree';

/** What the pane shows of a packet: a trace record, or a Test client exchange entry. */
export type FieldTreeRecord = Pick<TraceRecordDto, 'id' | 'protocol' | 'length' | 'dissection'> &
  Partial<Pick<TraceRecordDto, 'diagnosis' | 'result' | 'decision'>>;

interface Props {
  record: FieldTreeRecord;
  selected?: FieldPath;
  expanded: ReadonlySet<FieldPath>;
  onSelect(path: FieldPath): void;
  onToggle(path: FieldPath): void;
}

/** The dissection as a tree (label, value, byte range) plus a Decision node and the diagnosis banner. */
export function FieldTreePane({ record, selected, expanded, onSelect, onToggle }: Props) {
  return (
    <div className="pane" data-testid="field-tree">
      <div className="pane-title">
        Packet #{record.id} · {record.protocol} · {record.length} bytes
      </div>
      {record.diagnosis && (
        <div className="banner" data-testid="trace-diagnosis">
          <Note
            tone={record.result === 'pass' || record.result === 'info' ? 'info' : 'warn'}
            title="Diagnosis"
          >
            {record.diagnosis}
          </Note>
        </div>
      )}
      <div className="tree" role="tree" aria-label="Fields">
        {record.dissection.map((n, i) => (
          <TreeNode
            key={i}
            node={n}
            path={String(i)}
            depth={0}
            selected={selected}
            expanded={expanded}
            onSelect={onSelect}
            onToggle={onToggle}
          />
        ))}
        {record.decision && (
          <DecisionNode decision={record.decision} expanded={expanded} onToggle={onToggle} />
        )}
      </div>
    </div>
  );
}

function TreeNode(props: Omit<Props, 'record'> & { node: FieldNodeDto; path: FieldPath; depth: number }) {
  const { node, path, depth, selected, expanded } = props;
  const kids = node.children ?? [];
  const open = expanded.has(path);
  return (
    <>
      <div
        role="treeitem"
        aria-selected={selected === path}
        aria-expanded={kids.length > 0 ? open : undefined}
        data-field-path={path}
        className={`tree-node${node.severity ? ` sev-${node.severity}` : ''}`}
        style={{ paddingLeft: depth * 14 + 4 }}
        onClick={() => props.onSelect(path)}
        onDoubleClick={() => kids.length > 0 && props.onToggle(path)}
      >
        <span
          className="twisty"
          onClick={(e) => {
            e.stopPropagation();
            if (kids.length > 0) props.onToggle(path);
          }}
        >
          {kids.length > 0 ? (open ? '▾' : '▸') : ''}
        </span>
        <span className="label">{node.label}</span>
        {node.value !== undefined && <span className="value">{node.value}</span>}
        {node.length > 0 && (
          <span className="range">
            [{node.offset}..{node.offset + node.length - 1}]
          </span>
        )}
      </div>
      {open &&
        kids.map((k, i) => <TreeNode key={i} {...props} node={k} path={`${path}/${i}`} depth={depth + 1} />)}
    </>
  );
}

const DECISION_PATH = 'decision';

function DecisionNode(props: {
  decision: NonNullable<TraceRecordDto['decision']>;
  expanded: ReadonlySet<FieldPath>;
  onToggle(path: FieldPath): void;
}) {
  const open = !props.expanded.has(`${DECISION_PATH}:closed`);
  return (
    <div data-testid="trace-decision">
      <div
        role="treeitem"
        aria-expanded={open}
        className={`tree-node decision ${props.decision.allow ? '' : 'sev-error'}`}
        style={{ paddingLeft: 4 }}
        onClick={() => props.onToggle(`${DECISION_PATH}:closed`)}
      >
        <span className="twisty">{open ? '▾' : '▸'}</span>
        <span className="label">Decision</span>
        <span className="value">{props.decision.allow ? 'allow' : 'deny'}</span>
      </div>
      {open &&
        props.decision.reasons.map((r, i) => (
          <div key={i} role="treeitem" className="tree-node" style={{ paddingLeft: 18 }}>
            <span className="twisty" />
            <span className="label">{r}</span>
          </div>
        ))}
    </div>
  );
}
