import { z } from 'zod';

/**
 * The running lab against the lab file on disk: "differs" when the file was edited outside the app,
 * applied without saving, or saved by something else after a failed apply. Hashes are SHA-256 of
 * the text, so a window can tell whether the text it holds is the running one or the file's.
 */
export const labFileSchema = z.object({
  state: z.enum(['same', 'differs', 'missing', 'unreadable', 'none']),
  /** SHA-256 (hex) of the running lab's source. */
  runningHash: z.string(),
  /** SHA-256 (hex) of the file on disk, when it could be read. */
  fileHash: z.string().optional(),
  /** Why the file could not be read ("unreadable"). */
  error: z.string().optional(),
});
export type LabFileDto = z.infer<typeof labFileSchema>;

/** config.get's view of the file: the state, and its text when it differs from the running one. */
export const configFileSchema = labFileSchema.extend({ source: z.string().optional() });
