import type { ConfigIssue } from './loaded-lab';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string value of a parsed lab file with the environment variable, so
 * secrets (LDAP bind passwords, API tokens) can stay out of the file. A missing variable is an error
 * naming the field that uses it; nothing is substituted silently with an empty string.
 */
export function interpolateEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  path: (string | number)[] = [],
  issues: Array<Omit<ConfigIssue, 'line'> & { at: (string | number)[] }> = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(VAR, (whole, name: string) => {
      const v = env[name];
      if (v === undefined) {
        issues.push({
          path: '',
          at: path,
          message: `environment variable ${name} is not set`,
          severity: 'error',
        });
        return whole;
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, [...path, i], issues));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, [...path, k], issues);
    return out;
  }
  return value;
}
