'use client';

import { usePathname, useSearchParams } from 'next/navigation';

/**
 * Where the language menu sends the viewer back to: this very URL, range included. Rendered on
 * the server into the HTML (so the menu works without JavaScript) and kept current by the client
 * router after a soft navigation (a preset, the date form).
 */
export function ReturnPathField() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return <input type="hidden" name="return_to" value={search ? `${pathname}?${search}` : pathname} />;
}
