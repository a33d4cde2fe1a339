import { BoundedMemo } from '../bounded';
import type { GroupConfig } from '../config/schema';

export interface RuleHit {
  group: string;
  /** 1-based position within the group's rule list, as a person counts them in the lab file. */
  index: number;
  action: 'permit' | 'deny';
  pattern: string;
}

const compiled = new BoundedMemo<string, RegExp | null>(10_000);
const compile = (pattern: string): RegExp | null => {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
};

/** Rule patterns are regular expressions over "command arg arg …"; an invalid one never matches. */
export function compileRule(pattern: string): RegExp | null {
  return compiled.fetch(pattern, compile);
}

/** First matching rule over the groups in order; undefined means no rule matched (default deny). */
export function matchCommand(groups: readonly GroupConfig[], command: string): RuleHit | undefined {
  for (const g of groups) {
    for (let i = 0; i < g.commands.length; i++) {
      const rule = g.commands[i]!;
      const [action, pattern] =
        'permit' in rule ? (['permit', rule.permit] as const) : (['deny', rule.deny] as const);
      if (compileRule(pattern)?.test(command)) return { group: g.name, index: i + 1, action, pattern };
    }
  }
  return undefined;
}

/**
 * The command line a TACACS+ device means: `cmd` followed by its `cmd-arg`s, without the `<cr>`
 * placeholder many devices append and without empty arguments (RFC 8907 §8.2; Edgecore, IOS quirks).
 */
export function commandLine(cmd: string, args: readonly string[]): string {
  const parts = [cmd, ...args].map((a) => a.trim()).filter((a) => a !== '' && a !== '<cr>');
  return parts.join(' ');
}
