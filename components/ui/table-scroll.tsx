import type { ReactNode } from 'react';

/**
 * A table's own horizontal scroll: on a phone a wide table scrolls inside its card instead of
 * widening the page. Focusable and named, so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
