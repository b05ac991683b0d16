'use client';

import { useSyncExternalStore } from 'react';

/**
 * Sign-in only works at the dashboard's own address (NEXTAUTH_URL): its forms must carry that
 * origin. Opened anywhere else (`127.0.0.1` for `localhost`, an internal host name), the page
 * says so at once and links to the right address, instead of failing at the first try.
 */
export function OriginNotice({ dashboardUrl, words }: { dashboardUrl: string; words: { before: string; after: string } }) {
  const origin = useSyncExternalStore(
    subscribeToNothing,
    () => window.location.origin,
    () => null,
  );
  const expected = new URL(dashboardUrl);
  if (origin === null || origin === expected.origin) return null;
  const here = new URL(window.location.href);
  const target = new URL(`${here.pathname}${here.search}`, expected);
  return (
    <p className="form-error" role="alert" data-testid="origin-notice">
      {words.before}
      <a href={target.toString()}>{expected.origin}</a>
      {words.after}
    </p>
  );
}

function subscribeToNothing(): () => void {
  return () => {};
}
