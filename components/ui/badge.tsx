import type { ReactNode } from 'react';

/** A short status word beside a name: `demo` for the demo banner, `good`/`bad`/`neutral` by meaning. */
export type BadgeTone = 'demo' | 'good' | 'bad' | 'neutral';

export function Badge({ tone = 'neutral', title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
