import type { LabStatus } from '../../../../contract';
import { useApp } from '../../store';
import { useEdit, type EditState } from './use-edit';

export interface LabEditState extends EditState {
  /** Runs a lab-changing procedure (upsert, remove) and takes the lab status it returns. */
  change(action: () => Promise<LabStatus>, done: string): Promise<boolean>;
}

/** useEdit for an editor of one lab item (device, user, group): the lab's new status goes to the store. */
export function useLabEdit(): LabEditState {
  const edit = useEdit();
  const setStatus = useApp((s) => s.setStatus);
  return {
    ...edit,
    change: (action, done) => edit.run(async () => setStatus(await action()), done),
  };
}
