import { useApp } from '../../store';
import { FieldError } from '../../components/edit/field-error';

/** A user's groups as a multi-select of the lab's groups (order kept as chosen). */
export function GroupChoices(props: { groups: string[]; onChange(groups: string[]): void; error?: string }) {
  const labGroups = useApp((s) => s.status?.groups ?? []);
  const { groups } = props;
  const toggle = (g: string, on: boolean) =>
    props.onChange(on ? [...groups.filter((x) => x !== g), g] : groups.filter((x) => x !== g));
  // A group the file names but the lab no longer has is still shown, so it can be taken out.
  const choices = [
    ...labGroups.map((g) => g.name),
    ...groups.filter((g) => !labGroups.some((l) => l.name === g)),
  ];
  return (
    <fieldset className="field" data-testid="user-groups">
      <legend>Groups</legend>
      <div className="chips">
        {choices.length === 0 && <span className="meta">The lab has no groups.</span>}
        {choices.map((g) => (
          <label key={g}>
            <input
              type="checkbox"
              checked={groups.includes(g)}
              onChange={(e) => toggle(g, e.target.checked)}
            />{' '}
            {g}
          </label>
        ))}
      </div>
      <FieldError message={props.error} />
    </fieldset>
  );
}
