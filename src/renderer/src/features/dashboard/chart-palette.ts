import { useSyncExternalStore } from 'react';

/** The chart colours of styles/charts.css, as recharts wants them (SVG attributes, not CSS). */
const VARS = {
  grid: '--chart-grid',
  axis: '--chart-axis',
  pass: '--chart-pass',
  passFill: '--chart-pass-fill',
  fail: '--chart-fail',
  failFill: '--chart-fail-fill',
  other: '--chart-other',
  otherFill: '--chart-other-fill',
  p50: '--chart-p50',
  p99: '--chart-p99',
  total: '--chart-total',
} as const;
export type ChartPalette = Record<keyof typeof VARS, string>;

/** The light theme's values, for a document without the stylesheet (unit tests). */
const LIGHT: ChartPalette = {
  grid: '#eceef2',
  axis: '#5d6678',
  pass: '#1f7a3d',
  passFill: '#bfe3ca',
  fail: '#b3261e',
  failFill: '#f1c4bf',
  other: '#2458c6',
  otherFill: '#c6d7f7',
  p50: '#2458c6',
  p99: '#c05a00',
  total: '#3d4557',
};

export function readPalette(root: HTMLElement = document.documentElement): ChartPalette {
  const style = getComputedStyle(root);
  const out = { ...LIGHT };
  for (const [k, v] of Object.entries(VARS) as [keyof ChartPalette, string][]) {
    const value = style.getPropertyValue(v).trim();
    if (value) out[k] = value;
  }
  return out;
}

// The theme is data-theme on <html> (lib/theme.ts), also changed by the system's setting.
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
let cached: { theme: string | undefined; palette: ChartPalette } | undefined;

/** The palette of the theme shown, read again only when the theme changes. */
function snapshot(): ChartPalette {
  const theme = document.documentElement.dataset.theme;
  if (!cached || cached.theme !== theme) cached = { theme, palette: readPalette() };
  return cached.palette;
}

export function useChartPalette(): ChartPalette {
  return useSyncExternalStore(subscribe, snapshot);
}
