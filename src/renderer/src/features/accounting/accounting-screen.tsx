import { Placeholder, ScreenHead } from '../../components/panel';

export function AccountingScreen() {
  return (
    <div className="screen" data-testid="screen-accounting">
      <ScreenHead title="Accounting" />
      <Placeholder title="Accounting records" arrivesWith="accounting.query and accounting.export">
        <ul>
          <li>TACACS+ and RADIUS accounting records, virtualised and paged by cursor.</li>
          <li>Filters: time range, user, device, command, status.</li>
          <li>Export to CSV, JSON/NDJSON and a tac_plus-style log, with progress.</li>
        </ul>
      </Placeholder>
    </div>
  );
}
