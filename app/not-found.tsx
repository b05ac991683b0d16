import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page">
      <section className="card panel">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/" className="button">
          Go to callback stats
        </Link>
      </section>
    </main>
  );
}
