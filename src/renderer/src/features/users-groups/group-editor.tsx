import { useState } from 'react';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { EditorActions } from '../../components/edit/editor-actions';
import { TextField } from '../../components/edit/text-field';
import { useLabEdit } from '../../components/edit/use-lab-edit';
import { Panel } from '../../components/panel';
import { useApp } from '../../store';
import { CommandRules, type Rule } from './command-rules';
import { PairsField, pairsToReply, type Pair } from './pairs-field';

const FIELDS = ['name', 'privLvl', 'commands', 'tacacsShell', 'radiusReply'];

/**
 * Add or edit one group: name, priv-lvl, ordered command rules, TACACS+ shell AV pairs and RADIUS
 * reply attributes. `original` absent adds a new group; the lab's current values come from the status.
 */
export function GroupEditor(props: { original?: string; onDone(name?: string): void }) {
  const current = useApp((s) => s.status?.groups.find((g) => g.name === props.original));
  const edit = useLabEdit();
  const [name, setName] = useState(props.original ?? '');
  const [privLvl, setPrivLvl] = useState(String(current?.privLvl ?? 1));
  const [rules, setRules] = useState<Rule[]>(current?.commands ?? []);
  const [shell, setShell] = useState<Pair[]>(
    Object.entries(current?.tacacsShell ?? {}).map(([key, value]) => ({ key, value })),
  );
  const [reply, setReply] = useState<Pair[]>(
    (current?.radiusReply ?? []).map(([key, value]) => ({ key, value: String(value) })),
  );
  // Reply attributes left alone are kept exactly as the file has them (types, lists).
  const [replyTouched, setReplyTouched] = useState(false);

  const save = async () => {
    const lvl = privLvl.trim() === '' ? NaN : Number(privLvl);
    const group = {
      name: name.trim(),
      privLvl: lvl,
      commands: rules,
      tacacsShell: Object.fromEntries(shell.filter((p) => p.key.trim()).map((p) => [p.key.trim(), p.value])),
      radiusReply: replyTouched ? pairsToReply(reply) : undefined,
    };
    const ok = await edit.change(
      () => labApi.groups.upsert({ original: props.original, group }),
      `Saved group ${group.name} to the lab file; it is in force.`,
    );
    if (ok) props.onDone(group.name);
  };

  const remove = async () => {
    const original = props.original;
    if (!original) return;
    const ok = await edit.change(
      () => labApi.groups.remove({ name: original }),
      `Removed group ${original}.`,
    );
    if (ok) props.onDone();
  };

  return (
    <Panel title={props.original ? `Edit group ${props.original}` : 'Add a group'} testId="group-editor">
      <div className="edit-form">
        <div className="form-grid">
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            error={edit.fieldError('name')}
            testId="group-name"
          />
          <TextField
            label="Privilege level (0–15)"
            type="number"
            value={privLvl}
            onChange={setPrivLvl}
            error={edit.fieldError('privLvl')}
            testId="group-privlvl"
          />
        </div>
        <CommandRules rules={rules} onChange={setRules} error={edit.fieldError} />
        <div className="form-grid">
          <PairsField
            label="TACACS+ shell AV pair"
            pairs={shell}
            onChange={setShell}
            keyPlaceholder="priv-lvl"
            valuePlaceholder="15"
            error={edit.fieldError('tacacsShell')}
            testId="group-shell"
          />
          <PairsField
            label="RADIUS reply attribute"
            pairs={reply}
            onChange={(p) => {
              setReply(p);
              setReplyTouched(true);
            }}
            keyPlaceholder="Service-Type"
            valuePlaceholder="NAS-Prompt-User"
            error={edit.fieldError('radiusReply')}
            testId="group-reply"
          />
        </div>
        <EditorActions
          what="group"
          original={props.original}
          busy={edit.busy}
          onSave={() => void save()}
          onCancel={() => props.onDone(props.original)}
          removeQuestion={`Remove group ${props.original}? Users must be taken out of it first.`}
          onRemove={() => void remove()}
        />
        <EditStatus edit={edit} shown={FIELDS} />
      </div>
    </Panel>
  );
}
