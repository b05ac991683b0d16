'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** The words of the dashboard's error boundary, translated on the server by the layout. */
export type ErrorPageWords = { title: string; body: string; tryAgain: string };

const Words = createContext<ErrorPageWords | null>(null);

/**
 * An error boundary (error.tsx) gets no props from the server, so the layout hands it its few
 * translated words through this context: a few bytes, where next-intl's client runtime and a
 * catalog would add about 12 KB gzip to every page's first load.
 */
export function ErrorPageWordsProvider({ words, children }: { words: ErrorPageWords; children: ReactNode }) {
  return <Words.Provider value={words}>{children}</Words.Provider>;
}

export function useErrorPageWords(): ErrorPageWords {
  const words = useContext(Words);
  if (!words) throw new Error('useErrorPageWords needs an ErrorPageWordsProvider above it');
  return words;
}
