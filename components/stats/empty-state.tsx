import Link from 'next/link';

export function EmptyState() {
  return (
    <section className="card panel" aria-labelledby="empty-title">
      <h2 id="empty-title">No callbacks in this period</h2>
      <p className="muted">
        Talkover recorded no callbacks between these dates. Try a longer range, such as the{' '}
        <Link href="/?range=90d">last 90 days</Link>.
      </p>
    </section>
  );
}
