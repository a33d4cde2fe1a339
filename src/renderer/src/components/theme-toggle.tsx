import { useSyncExternalStore } from 'react';
import { applyTheme, currentTheme, subscribeTheme, THEMES, type Theme } from '../lib/theme';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

/** Light, dark, or whatever the system prefers; kept in this browser. */
export function ThemeToggle({ testId = 'theme-toggle' }: { testId?: string }) {
  const theme = useSyncExternalStore(subscribeTheme, currentTheme);
  return (
    <label className="theme-toggle">
      <span className="sr-only">Theme</span>
      <select
        aria-label="Theme"
        data-testid={testId}
        value={theme}
        onChange={(e) => {
          applyTheme(e.target.value as Theme);
        }}
      >
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
