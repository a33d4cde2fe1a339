import type { StateCreator } from 'zustand';

/**
 * A slice's creator: it sees its own state and, where it calls into another slice, that slice's
 * part (`Needs`). Slices never name the whole app state, so no slice imports another's module
 * except for what it uses.
 */
export type Slice<T, Needs = object> = StateCreator<T & Needs, [], [], T>;
