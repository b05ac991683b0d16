import Link from 'next/link';
import { SignOutButton } from './auth/sign-out-button';

export function AppHeader({ email, demo }: { email: string; demo: boolean }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Callback Stats
      </Link>
      {demo ? (
        <span className="badge badge-demo" title="Figures come from the built-in Talkover simulator, not from Talkover">
          Demo data
        </span>
      ) : null}
      <div className="header-user">
        <span className="muted">
          Signed in as <strong>{email}</strong>
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
