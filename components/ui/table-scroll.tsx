import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its card when the screen is narrower than its columns
 * (a phone), with its first column, the rows' names, kept in view (globals.css). It takes focus
 * and is a named region, so keyboard users can scroll it and screen readers can find it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
