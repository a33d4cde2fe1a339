import { z } from 'zod';
import { benchEvents } from './bench';
import { exportProgressSchema } from './exports';
import { loadEvents } from './load';
import { labStatusSchema } from './schemas';
import { statsTickSchema } from './stats';
import { traceRowSchema } from './trace';

/** Engine → renderer pushes; names in the past tense. */
export const events = {
  'lab.status.changed': labStatusSchema,
  'trace.appended': z.object({ rows: z.array(traceRowSchema) }),
  'trace.cleared': z.object({}),
  'stats.ticked': statsTickSchema,
  /** Accounting records were committed (at most one push a second): tables and sessions refetch. */
  'accounting.recorded': z.object({}),
  /** A trace.export / accounting.export of many records: done of total, every ~10,000. */
  'export.progressed': exportProgressSchema,
  ...benchEvents,
  ...loadEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
