import { useStore } from 'zustand';
import { labApi, transport } from '../api';
import { connectStore, createAppStore } from './create-store';
import type { AppState } from './app-state';

export const appStore = createAppStore(labApi, window.location.hash);

export function startStore(): () => void {
  const events = transport.events;
  return connectStore(
    appStore,
    labApi,
    events && ((cb) => events.onState((_state, reconnected) => reconnected && cb())),
  );
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export type { AppState };
