import type { StateCreator } from 'zustand';
import type { LabSlice } from './lab-slice';
import type { NavSlice } from './nav-slice';
import type { StatsSlice } from './stats-slice';
import type { TraceSlice } from './trace-slice';

export type AppState = LabSlice & NavSlice & TraceSlice & StatsSlice;
export type Slice<T> = StateCreator<AppState, [], [], T>;
