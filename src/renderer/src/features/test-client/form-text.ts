/** Form text into request values, the same way for every Test client protocol. */

/** One entry a line, trimmed, blank lines dropped. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Trimmed, or absent when empty. */
export const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** A request value back into form text (`d` when absent). */
export const str = (v: unknown, d = ''): string => (v === undefined || v === null ? d : String(v));

/** The expected result, absent when the user expects nothing. */
export function expectation(status: string, attributes: string) {
  const attrs = lines(attributes);
  if (!status.trim() && attrs.length === 0) return undefined;
  return { status: status.trim() || undefined, attributes: attrs };
}
