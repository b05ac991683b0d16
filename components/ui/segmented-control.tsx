import Link from 'next/link';
import type { ReactNode } from 'react';

/** One choice: a link to the view with it, or a disabled look-alike with the reason as its title. */
export type Segment = { key: string; label: ReactNode; href: string; current: boolean; disabledReason?: string };

/**
 * A row of mutually exclusive choices (interval, comparison). Each choice is a link, because the
 * URL is the state: it works without JavaScript, and the current one says so to screen readers.
 */
export function SegmentedControl({ label, caption, segments }: { label: string; caption?: ReactNode; segments: Segment[] }) {
  return (
    <nav className="segmented" aria-label={label}>
      {caption ? (
        <span className="segmented-label muted" aria-hidden="true">
          {caption}
        </span>
      ) : null}
      {segments.map((segment) =>
        segment.disabledReason ? (
          <span key={segment.key} className="segment segment-disabled" aria-disabled="true" title={segment.disabledReason}>
            {segment.label}
          </span>
        ) : (
          <Link key={segment.key} href={segment.href} className="segment" aria-current={segment.current ? 'true' : undefined} prefetch={false}>
            {segment.label}
          </Link>
        ),
      )}
    </nav>
  );
}
