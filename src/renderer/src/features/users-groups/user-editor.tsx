import { useState } from 'react';
import type { UserDetail } from '../../../../contract/lab-edit';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { EditorActions } from '../../components/edit/editor-actions';
import { SecretFields } from '../../components/edit/secret-fields';
import { TextField } from '../../components/edit/text-field';
import { useLabEdit } from '../../components/edit/use-lab-edit';
import { useEditableSecrets } from '../../components/edit/use-editable-secrets';
import { Panel } from '../../components/panel';
import { GroupChoices } from './group-choices';

const SECRETS = [
  ['password', 'Password'],
  ['enable', 'Enable password (TACACS+)'],
  ['totp', 'TOTP secret (base32)'],
] as const;
const SECRET_KEYS = SECRETS.map((s) => s[0]);
const FIELDS = ['username', 'groups', 'disabled', ...SECRET_KEYS];

/**
 * Add or edit one local user: username, password, enable password and TOTP secret (masked, kept
 * unless retyped or cleared, revealed on demand), groups from the lab's groups, and disabled.
 */
export function UserEditor(props: { original?: string; onDone(username?: string): void }) {
  const edit = useLabEdit();
  const [username, setUsername] = useState(props.original ?? '');
  const [groups, setGroups] = useState<string[]>([]);
  const [disabled, setDisabled] = useState(false);
  const secrets = useEditableSecrets({
    keys: SECRET_KEYS,
    original: props.original,
    get: (name, reveal) => labApi.users.get({ username: name, reveal: reveal || undefined }),
    onLoad: (u: UserDetail) => {
      setGroups(u.groups);
      setDisabled(u.disabled);
    },
  });

  const save = async () => {
    const user = {
      username: username.trim(),
      groups,
      disabled,
      ...secrets.edits(),
    };
    const ok = await edit.change(
      () => labApi.users.upsert({ original: props.original, user }),
      `Saved ${user.username} to the lab file; it is in force.`,
    );
    if (ok) props.onDone(user.username);
  };

  const remove = async () => {
    const original = props.original;
    if (!original) return;
    const ok = await edit.change(() => labApi.users.remove({ username: original }), `Removed ${original}.`);
    if (ok) props.onDone();
  };

  return (
    <Panel title={props.original ? `Edit user ${props.original}` : 'Add a user'} testId="user-editor">
      {secrets.loadError && <div className="field-error">{secrets.loadError}</div>}
      <div className="edit-form">
        <div className="form-grid">
          <TextField
            label="Username"
            value={username}
            onChange={setUsername}
            error={edit.fieldError('username')}
            testId="user-username"
          />
          <label className="field">
            <span>
              <input
                type="checkbox"
                checked={disabled}
                data-testid="user-disabled"
                onChange={(e) => setDisabled(e.target.checked)}
              />{' '}
              Disabled (every login is refused)
            </span>
          </label>
        </div>
        <GroupChoices groups={groups} onChange={setGroups} error={edit.fieldError('groups')} />
        <SecretFields what="user" fields={SECRETS} secrets={secrets} error={edit.fieldError} />
        <EditorActions
          what="user"
          original={props.original}
          busy={edit.busy}
          onSave={() => void save()}
          onCancel={() => props.onDone(props.original)}
          reveal={secrets}
          removeQuestion={`Remove ${props.original}? Their logins will fail as an unknown user.`}
          onRemove={() => void remove()}
        />
        <EditStatus edit={edit} shown={FIELDS} />
      </div>
    </Panel>
  );
}
