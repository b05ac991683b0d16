'use client';

import { useErrorPageWords } from '@/components/i18n/error-page-words';

/**
 * Last resort for a bug while rendering the dashboard. Known failures (Talkover, bad input,
 * settings) are handled inside the page and never get here. Its words come from the layout.
 */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const words = useErrorPageWords();
  return (
    <section className="card panel panel-error" role="alert">
      <h2>{words.title}</h2>
      <p>{words.body}</p>
      <button type="button" className="button" onClick={reset}>
        {words.tryAgain}
      </button>
    </section>
  );
}
