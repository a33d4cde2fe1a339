import { useState } from 'react';
import type { TraceRecordDto } from '../../../../contract';
import type { AccountingRecordDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { errorMessage } from '../../lib/format';
import { RecordDrawer } from '../../components/accounting/record-drawer';
import { closestRecord, recordQueryOf } from './record-of-packet';

/** From an accounting request packet to the record it was stored as, in the record drawer. */
export function RecordLink({ record }: { record: TraceRecordDto }) {
  const [open, setOpen] = useState<{ of: number; acct?: AccountingRecordDto; problem?: string }>();
  const query = recordQueryOf(record);
  if (!query) return null;
  const shown = open?.of === record.id ? open : undefined;
  const find = async () => {
    try {
      const page = await labApi.accounting.query({ ...query, limit: 50 });
      const acct = closestRecord(page.records, record.timeUs);
      setOpen({ of: record.id, acct, problem: acct ? undefined : 'No accounting record was stored for it' });
    } catch (err) {
      setOpen({ of: record.id, problem: errorMessage(err) });
    }
  };
  return (
    <>
      <button className="btn small" data-testid="packet-record" onClick={() => void find()}>
        Accounting record
      </button>
      {shown?.problem && <span className="meta">{shown.problem}</span>}
      {shown?.acct && <RecordDrawer record={shown.acct} onClose={() => setOpen(undefined)} />}
    </>
  );
}
