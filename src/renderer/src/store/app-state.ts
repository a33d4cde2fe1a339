import type { LabSlice } from './lab-slice';
import type { NavSlice } from './nav-slice';
import type { QuerySlice } from './query-slice';
import type { StatsSlice } from './stats-slice';
import type { TraceSlice } from './trace-slice';

/** The renderer's whole store: one slice per concern. */
export type AppState = LabSlice & NavSlice & TraceSlice & StatsSlice & QuerySlice;
