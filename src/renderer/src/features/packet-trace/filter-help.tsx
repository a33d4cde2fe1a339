import { ROW_FIELDS } from '../../../../contract/display-filter';

/** The filter language on one card: fields, operators, examples. */
export function FilterHelp() {
  return (
    <details className="menu" data-testid="filter-help">
      <summary className="btn small" aria-label="Display filter help">
        ?
      </summary>
      <div className="menu-items filter-help">
        <p>
          Operators: <code>==</code> <code>!=</code> <code>~</code> (regular expression) <code>contains</code>{' '}
          <code>&gt;</code> <code>&lt;</code> <code>&gt;=</code> <code>&lt;=</code>; combine with{' '}
          <code>&&</code> <code>||</code> <code>!</code> and parentheses. Text compares without case.
        </p>
        <table>
          <tbody>
            {Object.entries(ROW_FIELDS).map(([name, f]) => (
              <tr key={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td>{f.help}</td>
              </tr>
            ))}
            <tr>
              <td>
                <code>tacacs.user</code>
              </td>
              <td>a field of TACACS+ packets only (likewise radius.…)</td>
            </tr>
            <tr>
              <td>
                <code>radius.Acct-Session-Id</code>
              </td>
              <td>any RADIUS attribute or TACACS+ field/argument (tacacs.cmd), read by the engine</td>
            </tr>
          </tbody>
        </table>
        <p>
          Examples: <code>tacacs.user == &quot;bob&quot; && result == fail</code> ·{' '}
          <code>session == 0x5fa28bb9</code> · <code>time &gt;= 12:00 && time &lt; 12:05</code> ·{' '}
          <code>latency &gt; 50ms</code>
        </p>
      </div>
    </details>
  );
}
