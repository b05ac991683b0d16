import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Callback Stats', template: '%s · Callback Stats' },
  description: 'How your Talkover callbacks perform.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { colorScheme: 'light dark' };

/**
 * Render every page per request, the 404 page included: Next puts the proxy's per-request CSP
 * nonce on its scripts only when it renders, so a page prerendered at build time would have
 * scripts without a nonce, which the policy blocks.
 */
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
