'use client';

import { useEffect, useState } from 'react';
import type { Messages } from '@/i18n/catalogs';
import { parseAppLocale, type AppLocale } from '@/i18n/locales';
import { matchLocale } from '@/lib/locale';

type Words = Messages['ErrorPage'];

/** Loaded only when this page shows, so no visitor downloads the catalogs with every page. */
const CATALOG: Record<AppLocale, () => Promise<{ default: Messages }>> = {
  en: () => import('@/messages/en.json'),
  'pt-BR': () => import('@/messages/pt-BR.json'),
};

/**
 * The viewer's language as the failed page had it on <html lang> (read while rendering, before
 * this page replaces that element), else the browser's languages. The cookie is HttpOnly.
 */
function toViewerLocale(): AppLocale {
  const fromPage = parseAppLocale(document.documentElement.lang);
  return fromPage ?? navigator.languages.map(matchLocale).find((locale) => locale !== null) ?? 'en';
}

/** Replaces the root layout when it fails, so no server-side translations reach it. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [locale] = useState<AppLocale>(() => (typeof document === 'undefined' ? 'en' : toViewerLocale()));
  const [words, setWords] = useState<Words | null>(null);
  useEffect(() => {
    document.documentElement.lang = locale;
    CATALOG[locale]()
      .then((catalog) => setWords(catalog.default.ErrorPage))
      .catch(() => setWords(null));
  }, [locale]);
  return (
    <html>
      <body>
        <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
          {words ? (
            <>
              <h1>{words.title}</h1>
              <p>{words.appBody}</p>
              <button type="button" onClick={reset}>
                {words.tryAgain}
              </button>
            </>
          ) : null}
        </main>
      </body>
    </html>
  );
}
