'use client';

import { useSyncExternalStore } from 'react';

/**
 * The charts' colours come from the page's design tokens (`--chart-*` in app/globals.css), so a
 * canvas follows the light and dark schemes like the rest of the page. Canvas cannot read CSS
 * variables itself: they are read here, and again whenever the colour scheme changes.
 */
export type ChartTheme = { received: string; answered: string; rate: string; muted: string; tick: string; grid: string };

const TOKENS: Record<keyof ChartTheme, string> = {
  received: '--chart-received',
  answered: '--chart-answered',
  rate: '--chart-rate',
  muted: '--chart-muted',
  tick: '--chart-tick',
  grid: '--chart-grid',
};

/** The light scheme's values: what a chart draws before the stylesheet can be read. */
const LIGHT: ChartTheme = { received: '#2563eb', answered: '#0d9488', rate: '#d97706', muted: '#9ca3af', tick: '#6b7280', grid: '#7f7f7f26' };

const DARK_QUERY = '(prefers-color-scheme: dark)';
let cached: { key: string; theme: ChartTheme } | null = null;

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const values = Object.entries(TOKENS).map(([name, token]) => [name, style.getPropertyValue(token).trim() || LIGHT[name as keyof ChartTheme]]);
  const key = values.map(([, value]) => value).join('|');
  // useSyncExternalStore needs the same object for the same colours.
  if (cached?.key !== key) cached = { key, theme: Object.fromEntries(values) as ChartTheme };
  return cached.theme;
}

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, readTheme, () => LIGHT);
}

/** Lighter for partial buckets (hex colours get an alpha), so a running week does not read as a drop. */
export function lighter(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}66` : color;
}
