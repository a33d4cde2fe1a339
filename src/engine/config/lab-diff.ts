/**
 * What changed in a lab file, for the audit log: a line diff (longest common subsequence) with
 * every secret's value masked — the lab file holds shared secrets and passwords in clear, the audit
 * log never does. Bounded: very large files are summarised by counts only.
 */
const SECRET_KEYS =
  /^(\s*-?\s*)(password|enable|passwordHash|secret|tacacsSecret|radiusSecret|coaSecret|bindPassword|clientSecret|apiToken|totp|key)(\s*:\s*)(\S.*)$/;
const MAX_LINES = 2000;
const MAX_OUT = 200;

export function maskSecrets(line: string): string {
  return line.replace(SECRET_KEYS, (_m, pre: string, k: string, sep: string) => `${pre}${k}${sep}<hidden>`);
}

/** "- old" / "+ new" lines (masked), at most 200; '' when nothing changed. */
export function labDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length > MAX_LINES || b.length > MAX_LINES)
    return `(${a.length} → ${b.length} lines; too large to diff)`;
  // LCS table from the end: lcs[i][j] = common lines of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while ((i < a.length || j < b.length) && out.length < MAX_OUT) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      out.push(`- ${maskSecrets(a[i++]!)}`);
    else out.push(`+ ${maskSecrets(b[j++]!)}`);
  }
  if (out.length >= MAX_OUT) out.push('… (diff truncated)');
  return out.join('\n');
}
