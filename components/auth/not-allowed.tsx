import Link from 'next/link';

/**
 * Shown when an identity provider vouched for someone who is not on the allow-list (or whose
 * email it has not verified): the sign-in worked, the access is refused, and they should know
 * which of the two happened.
 */
export function NotAllowed({ callbackPath }: { callbackPath: string }) {
  return (
    <main className="login">
      <div className="card login-card" role="alert" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">This account is not allowed</h1>
        <p>
          You signed in, but this account is not on this dashboard’s list of allowed people or domains (or its email
          address is not verified).
        </p>
        <p className="muted">Ask an admin to add your email address, or sign in with another account.</p>
        <Link className="button" href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>
          Sign in with another account
        </Link>
      </div>
    </main>
  );
}
