import { ConfirmButton } from '../confirm-button';

/**
 * The buttons under a lab editor (device, user, group): Save/Add, Cancel, Reveal/Hide secrets when
 * the item has secrets, and Remove asked twice. `what` names the item ("device") for the labels and
 * the test ids (`device-save`, `device-reveal`, `device-remove`).
 */
export function EditorActions(props: {
  what: string;
  /** The item's current name; absent while adding one. */
  original?: string;
  busy: boolean;
  onSave(): void;
  onCancel(): void;
  /** Present for items with secrets: whether they are shown, and the toggle. */
  reveal?: { revealed: boolean; toggle(): void };
  /** What removing this item does, asked before it happens. */
  removeQuestion: string;
  onRemove(): void;
}) {
  const { what, original } = props;
  return (
    <div className="editor-actions">
      <button
        className="btn primary"
        type="button"
        disabled={props.busy}
        data-testid={`${what}-save`}
        onClick={props.onSave}
      >
        {original ? 'Save' : `Add ${what}`}
      </button>
      <button type="button" className="btn" onClick={props.onCancel}>
        Cancel
      </button>
      {original && props.reveal && (
        <button
          type="button"
          className="btn"
          data-testid={`${what}-reveal`}
          aria-pressed={props.reveal.revealed}
          onClick={props.reveal.toggle}
        >
          {props.reveal.revealed ? 'Hide secrets' : 'Reveal secrets'}
        </button>
      )}
      <span className="spacer" />
      {original && (
        <ConfirmButton
          label={`Remove ${what}`}
          question={props.removeQuestion}
          confirmLabel="Remove"
          testId={`${what}-remove`}
          onConfirm={props.onRemove}
        />
      )}
    </div>
  );
}
