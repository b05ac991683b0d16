import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import en from '@/messages/en.json';

/**
 * Renders server components outside Next: their words come from a provider holding the English
 * catalog, where Next would take them from i18n/request.ts.
 */
export function renderInEnglish(node: ReactNode): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en}>
      {node}
    </NextIntlClientProvider>,
  );
}
