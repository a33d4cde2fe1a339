import { useEffect, useState } from 'react';
import type { UserDetail } from '../../../../contract/lab-edit';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { EditorActions } from '../../components/edit/editor-actions';
import { SecretField, secretEdit, secretState, type SecretState } from '../../components/edit/secret-field';
import { TextField } from '../../components/edit/text-field';
import { useEdit } from '../../components/edit/use-edit';
import { Panel } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { useApp } from '../../store';
import { GroupChoices } from './group-choices';

const SECRETS = [
  ['password', 'Password'],
  ['enable', 'Enable password (TACACS+)'],
  ['totp', 'TOTP secret (base32)'],
] as const;
type SecretKey = (typeof SECRETS)[number][0];
const FIELDS = ['username', 'groups', 'disabled', ...SECRETS.map((s) => s[0])];
const blank = (): Record<SecretKey, SecretState> => ({
  password: secretState(undefined),
  enable: secretState(undefined),
  totp: secretState(undefined),
});

/**
 * Add or edit one local user: username, password, enable password and TOTP secret (masked, kept
 * unless retyped or cleared, revealed on demand), groups from the lab's groups, and disabled.
 */
export function UserEditor(props: { original?: string; onDone(username?: string): void }) {
  const setStatus = useApp((s) => s.setStatus);
  const edit = useEdit();
  const [username, setUsername] = useState(props.original ?? '');
  const [groups, setGroups] = useState<string[]>([]);
  const [disabled, setDisabled] = useState(false);
  const [secrets, setSecrets] = useState(blank);
  const [revealed, setRevealed] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const show = (u: UserDetail, reveal: boolean) => {
    if (!reveal) {
      setGroups(u.groups);
      setDisabled(u.disabled);
    }
    // Revealing keeps whatever the user already typed over a secret.
    setSecrets((cur) => {
      const next = { ...cur };
      for (const [k] of SECRETS) if (!reveal || !cur[k].changed) next[k] = secretState(u[k]);
      return next;
    });
    setRevealed(reveal);
  };
  const reveal = () => {
    if (!props.original) return;
    labApi.users.get({ username: props.original, reveal: true }).then(
      (u) => show(u, true),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  };
  useEffect(() => {
    if (!props.original) return;
    let live = true;
    labApi.users.get({ username: props.original }).then(
      (u) => live && show(u, false),
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [props.original]);

  const save = async () => {
    const user = {
      username: username.trim(),
      groups,
      disabled,
      password: secretEdit(secrets.password),
      enable: secretEdit(secrets.enable),
      totp: secretEdit(secrets.totp),
    };
    const ok = await edit.run(async () => {
      setStatus(await labApi.users.upsert({ original: props.original, user }));
    }, `Saved ${user.username} to the lab file; it is in force.`);
    if (ok) props.onDone(user.username);
  };

  const remove = async () => {
    if (!props.original) return;
    const ok = await edit.run(async () => {
      setStatus(await labApi.users.remove({ username: props.original! }));
    }, `Removed ${props.original}.`);
    if (ok) props.onDone();
  };

  return (
    <Panel title={props.original ? `Edit user ${props.original}` : 'Add a user'} testId="user-editor">
      {loadError && <div className="field-error">{loadError}</div>}
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
        <div className="form-grid">
          {SECRETS.map(([k, label]) => (
            <SecretField
              key={k}
              label={label}
              state={secrets[k]}
              revealed={revealed}
              error={edit.fieldError(k)}
              testId={`user-${k}`}
              onChange={(s) => setSecrets({ ...secrets, [k]: s })}
            />
          ))}
        </div>
        <EditorActions
          what="user"
          original={props.original}
          busy={edit.busy}
          onSave={() => void save()}
          onCancel={() => props.onDone(props.original)}
          reveal={{ revealed, toggle: () => (revealed ? setRevealed(false) : reveal()) }}
          removeQuestion={`Remove ${props.original}? Their logins will fail as an unknown user.`}
          onRemove={() => void remove()}
        />
        <EditStatus edit={edit} shown={FIELDS} />
      </div>
    </Panel>
  );
}
