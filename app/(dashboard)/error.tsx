'use client';

/**
 * Last resort for a bug while rendering the dashboard. Known failures (Talkover, bad input,
 * settings) are handled inside the page and never get here.
 */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card panel panel-error" role="alert">
      <h2>Something went wrong</h2>
      <p>The page could not be shown. Try again; if it persists, ask an admin.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
