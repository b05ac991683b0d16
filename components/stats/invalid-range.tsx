/** Bad URL parameters: say what is wrong; the form above is pre-filled to fix it. */
export function InvalidRange({ message }: { message: string }) {
  return (
    <section className="card panel panel-warning" role="alert" aria-labelledby="invalid-range-title">
      <h2 id="invalid-range-title">This date range can’t be shown</h2>
      <p>{message}</p>
      <p className="muted">Pick dates above, or choose one of the quick ranges.</p>
    </section>
  );
}
