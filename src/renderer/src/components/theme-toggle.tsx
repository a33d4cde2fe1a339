import { useState } from 'react';
import { applyTheme, storedTheme, THEMES, type Theme } from '../lib/theme';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

/** Light, dark, or whatever the system prefers; kept in this browser. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <label className="theme-toggle">
      <span className="sr-only">Theme</span>
      <select
        aria-label="Theme"
        data-testid="theme-toggle"
        value={theme}
        onChange={(e) => {
          const t = e.target.value as Theme;
          setTheme(t);
          applyTheme(t);
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
