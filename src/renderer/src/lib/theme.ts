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

/** The theme the page shows: "system" resolves through prefers-color-scheme. */
function resolved(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

let followingSystem = false;

/**
 * Sets data-theme to the theme shown (styles/dark.css keys on it alone, so the palette is written
 * once); while "system" is chosen, a change of the system's setting changes it too.
 */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = resolved(theme);
  if (!followingSystem) {
    followingSystem = true;
    window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (currentTheme() === 'system') root.dataset.theme = resolved('system');
    });
  }
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
