import type { LabApi, LabStatus } from '../../../contract';
import { errorMessage } from '../lib/format';
import type { Slice } from './types';

export type AppPhase = 'loading' | 'ready' | 'error';

export interface LabSlice {
  /** 'ready' once the first lab.status answered; drives the `data-app-state` marker. */
  phase: AppPhase;
  phaseError?: string;
  status?: LabStatus;
  /** A lab.start / lab.stop / refresh in flight. */
  busy: boolean;
  actionError?: string;
  loadStatus(): Promise<void>;
  setStatus(status: LabStatus): void;
  startLab(): Promise<void>;
  stopLab(): Promise<void>;
}

export const createLabSlice =
  (api: LabApi): Slice<LabSlice> =>
  (set, get) => ({
    phase: 'loading',
    busy: false,
    async loadStatus() {
      try {
        const status = await api.lab.status();
        set({ status, phase: 'ready', phaseError: undefined });
      } catch (err) {
        // Once ready, a failed refresh is shown beside the data rather than replacing the app.
        if (get().phase === 'ready') set({ actionError: errorMessage(err) });
        else set({ phase: 'error', phaseError: errorMessage(err) });
      }
    },
    setStatus(status) {
      set({ status });
    },
    async startLab() {
      await runAction(set, () => api.lab.start());
    },
    async stopLab() {
      await runAction(set, () => api.lab.stop());
    },
  });

async function runAction(
  set: (p: Partial<LabSlice>) => void,
  action: () => Promise<LabStatus>,
): Promise<void> {
  set({ busy: true, actionError: undefined });
  try {
    set({ status: await action(), busy: false });
  } catch (err) {
    set({ busy: false, actionError: errorMessage(err) });
  }
}
