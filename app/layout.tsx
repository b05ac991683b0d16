import type { Metadata, Viewport } from 'next';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import type { ReactNode } from 'react';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('App');
  return {
    title: { default: t('name'), template: t('titleTemplate') },
    description: t('description'),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { colorScheme: 'light dark' };

/**
 * Render every page per request, the 404 page included: Next puts the proxy's per-request CSP
 * nonce on its scripts only when it renders, so a page prerendered at build time would have
 * scripts without a nonce, which the policy blocks. (The language is per request too.)
 */
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The viewer's language (lib/locale.ts decides it), so screen readers pronounce the page right.
  return (
    <html lang={await getLocale()}>
      <body>{children}</body>
    </html>
  );
}
