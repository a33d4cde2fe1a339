export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'aaa-lab.theme';

export function storedTheme(): Theme {
  try {
    const t = window.localStorage.getItem(KEY);
    return THEMES.includes(t as Theme) ? (t as Theme) : 'system';
  } catch {
    return 'system';
  }
}

/** "system" leaves the choice to prefers-color-scheme (see styles.css); the others force it. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // The choice lasts for this page only.
  }
  current = theme;
  listeners.forEach((l) => l());
}

let current: Theme | undefined;
const listeners = new Set<() => void>();

/** For useSyncExternalStore: every toggle on the page shows the same choice. */
export function subscribeTheme(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export function currentTheme(): Theme {
  return (current ??= storedTheme());
}
