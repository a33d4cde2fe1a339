import { z } from 'zod';

export const issueSchema = z.object({ path: z.string(), message: z.string(), line: z.number().optional() });
export type ContractIssue = z.infer<typeof issueSchema>;

export const errorCodes = [
  'invalid_input',
  'invalid_config',
  'not_found',
  'conflict',
  'unavailable',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(issueSchema),
});
export type ContractError = z.infer<typeof errorSchema>;

/** Every procedure answers with this: a thrown Error would lose everything but `message` over Electron IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** What callers see when a procedure answers `ok: false`: the same fields, as an Error. */
export class LabError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ContractIssue[] = [],
  ) {
    super(message);
    this.name = 'LabError';
  }

  toContract(): ContractError {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** Turns zod issues into field paths people can read: `devices[1].match`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(root)';
}

export function zodIssues(err: z.ZodError, prefix = ''): ContractIssue[] {
  return err.issues.map((i) => {
    const path = formatPath(i.path);
    return { path: prefix ? (path === '(root)' ? prefix : `${prefix}.${path}`) : path, message: i.message };
  });
}

export function unwrap<T>(env: Envelope<T>): T {
  if (env.ok) return env.value;
  throw new LabError(env.error.code, env.error.message, env.error.issues);
}
